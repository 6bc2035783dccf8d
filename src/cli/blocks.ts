import { BLOCKS } from '../../blocks';
import { CATEGORIES, CATEGORY_NAMES, type Lang } from '../core';

/** `jimu blocks`: the library by category, or as JSON. */
export function listBlocks(opts: { json?: boolean; lang?: Lang }, out: (s: string) => void): number {
  const lang = opts.lang ?? 'en';
  if (opts.json) {
    out(
      JSON.stringify(
        BLOCKS.map((b) => ({
          type: b.type,
          category: b.category,
          version: b.version,
          label: b.label,
          inputs: Object.fromEntries(Object.entries(b.inputs).map(([k, p]) => [k, p.kind])),
          outputs: Object.fromEntries(Object.entries(b.outputs).map(([k, p]) => [k, p.kind])),
          params: Object.keys(b.params.shape),
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const c of CATEGORIES) {
    const blocks = BLOCKS.filter((b) => b.category === c);
    if (!blocks.length) continue;
    out(`${CATEGORY_NAMES[c][lang]}:`);
    for (const b of blocks) out(`  ${b.type.padEnd(24)} ${b.label[lang]}`);
  }
  return 0;
}
