/**
 * `npx tsx scripts/layout-templates.ts`: lays out every template in public/templates/ with the editor's
 * own "Tidy up" (elkjs, src/store/auto-layout.ts), so a template opens tidy; only `layout` changes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutPositions } from '../src/store/auto-layout';

const dir = new URL('../public/templates/', import.meta.url).pathname;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.pipeline.json'))) {
  const path = join(dir, file);
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  doc.layout = await layoutPositions(doc);
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`laid out ${file}`);
}
