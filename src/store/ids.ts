/**
 * Block ids: readable (`dense1`, `conv2d2`) and valid under the document schema
 * (a letter or `_` first, then letters, digits, `_` and `-`, at most 64).
 */
const ID = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** True when `id` is a valid block id. */
export function isValidId(id: string): boolean {
  return ID.test(id);
}

/** The readable stem for a block type: `Conv2D` → `conv2d`, `3D thing` → `b3dthing`. */
export function idStem(type: string): string {
  let s = type.toLowerCase().replace(/[^a-z0-9_]/g, '');
  if (!/^[a-z_]/.test(s)) s = `b${s}`;
  return s.slice(0, 56);
}

/** The first free id for a block of this type: the stem followed by the smallest unused number. */
export function newBlockId(type: string, taken: ReadonlySet<string>): string {
  const stem = idStem(type);
  for (let n = 1; ; n++) {
    const id = `${stem}${n}`;
    if (!taken.has(id)) return id;
  }
}
