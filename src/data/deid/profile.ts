import { ANNEX_E_TABLE } from './annex-e-table';

/** The action Jimu takes for one attribute. PS3.15 E.1.1: X remove, Z zero length, D dummy, U new UID, K keep. */
export type Action = 'X' | 'Z' | 'D' | 'U' | 'K';

/**
 * Reduces the table's combined codes to the one Jimu applies, always the one that keeps the IOD valid
 * without keeping the value: X/Z → Z, X/D, Z/D and X/Z/D → D, X/Z/U* → U (the sequence stays, with its
 * UIDs remapped, so references between instances still resolve).
 */
export function resolve(code: string): Action {
  if (code.includes('U')) return 'U';
  if (code.includes('D')) return 'D';
  if (code.includes('Z')) return 'Z';
  if (code === 'K' || code === 'C') return code === 'K' ? 'K' : 'D';
  return 'X';
}

interface Rule {
  action: Action;
  name: string;
  code: string;
  /** Where the rule comes from, for the audit log: the standard's table unless Jimu adds to it. */
  source: string;
}
const exact = new Map<number, Rule>();
const patterns: { mask: number; value: number; rule: Rule }[] = [];
for (const [id, name, code] of ANNEX_E_TABLE) {
  const rule = { action: resolve(code), name, code, source: `Table E.1-1: ${code}` };
  if (id === 'odd') continue;
  if (id.includes('x')) {
    let mask = 0;
    let value = 0;
    for (const ch of id) {
      mask = mask * 16 + (ch === 'x' ? 0 : 15);
      value = value * 16 + (ch === 'x' ? 0 : parseInt(ch, 16));
    }
    patterns.push({ mask: mask >>> 0, value: value >>> 0, rule });
  } else {
    exact.set(parseInt(id, 16) >>> 0, rule);
  }
}

/**
 * Attributes the table does not list that hold free text wherever they appear, so a name or a date typed
 * into them would pass: Code Meaning is the human-readable half of a code (the Code Value and Coding Scheme
 * Designator beside it keep what the code means), and sites type anything into it in local codes
 * (Procedure Code Sequence, Anatomic Region Sequence …).
 */
const JIMU_ADDITIONS: readonly (readonly [number, string, Action])[] = [[0x00080104, 'Code Meaning', 'D']];
for (const [t, name, action] of JIMU_ADDITIONS) exact.set(t, { action, name, code: action, source: `Jimu: free text the table leaves, ${action}` });

/** The Basic Profile rule for a (public) tag, or undefined when the table does not list it (keep it). */
export function ruleFor(t: number): Rule | undefined {
  const r = exact.get(t);
  if (r) return r;
  // Repeating groups 50xx and 60xx are even groups only.
  for (const p of patterns) if (((t & p.mask) >>> 0) === p.value && ((t >>> 16) & 1) === 0) return p.rule;
  return undefined;
}

export const TABLE_SIZE = ANNEX_E_TABLE.length;
