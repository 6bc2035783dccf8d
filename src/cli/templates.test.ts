import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

// The medical-task templates train on their synthetic sample data with `jimu train` and must reach the
// issue's learning targets on the held-out test split (never seen in training or validation).
const templates = new URL('../../public/templates/', import.meta.url).pathname;
const index = JSON.parse(readFileSync(join(templates, 'index.json'), 'utf8')) as { file: string; task: string }[];

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('every template in the gallery', () => {
  it.each(index.map((t) => [t.file]))('%s is valid', async (file) => {
    const r = await run('validate', join(templates, file));
    expect(r.code, r.out + r.err).toBe(0);
    const doc = JSON.parse(readFileSync(join(templates, file), 'utf8'));
    // Every template describes its task in both languages, each in its own field.
    expect(doc.description.en).toMatch(/\p{Script=Latin}{4}/u);
    expect(doc.description.zh).toMatch(/\p{Script=Han}{4}/u);
    expect(doc.description.en).not.toMatch(/\p{Script=Han}|中文/u);
  });
});
