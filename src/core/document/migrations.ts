/**
 * Older document versions, and the tested functions that bring them forward one version at a time.
 *
 * Version 0 was the prototype format: React Flow's own `nodes`/`edges` with positions inside nodes.
 * Version 1 keeps meaning (`blocks`, `links`) apart from layout.
 * Version 2 adds `composites`: composite blocks the user made, stored in the document that uses them.
 * Version 3 gives the description one text per language (`{ en, zh }`), and blocks may record the
 * version of their parameters (absent: 1; see block-migrations.ts).
 */

type Json = Record<string, unknown>;

export interface Migration {
  from: number;
  to: number;
  describe: string;
  up(doc: Json): Json;
}

function asArray(v: unknown, what: string): Json[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`"${what}" should be a list`);
  return v.map((x, i) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new Error(`${what}[${i}] should be an object`);
    return x as Json;
  });
}

export const MIGRATIONS: Migration[] = [
  {
    from: 0,
    to: 1,
    describe: 'nodes/edges with positions → blocks/links with a separate layout',
    up(doc) {
      const nodes = asArray(doc.nodes, 'nodes');
      const edges = asArray(doc.edges, 'edges');
      const layout: Record<string, { x: number; y: number }> = {};
      const blocks = nodes.map((n) => {
        const { id, type, data, position } = n as { id: string; type: string; data?: { params?: Json; name?: string }; position?: { x: number; y: number } };
        if (position) layout[id] = { x: position.x, y: position.y };
        const block: Json = { id, type, params: data?.params ?? {} };
        if (data?.name !== undefined) block.name = data.name;
        return block;
      });
      const links = edges.map((e) => ({
        from: { block: e.source, port: e.sourceHandle ?? 'out' },
        to: { block: e.target, port: e.targetHandle ?? 'in' },
      }));
      const out: Json = {
        format: doc.format,
        version: 1,
        name: doc.name ?? 'Untitled pipeline',
        description: doc.description ?? '',
        blocks,
        links,
        layout,
        meta: { seed: typeof doc.seed === 'number' ? doc.seed : 42 },
      };
      return out;
    },
  },
  {
    from: 1,
    to: 2,
    describe: 'adds an empty set of user-made composite blocks',
    up(doc) {
      if ('composites' in doc) throw new Error('a version 1 document has no "composites"; is the version number right?');
      return { ...doc, version: 2, composites: {} };
    },
  },
  {
    from: 2,
    to: 3,
    describe: 'one description per language',
    up(doc) {
      return { ...doc, version: 3, description: splitDescription(doc.description) };
    },
  },
];

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * A version 2 description in both languages was written "EN: … 中文：…"; one in a single language goes to
 * that language (Chinese when it has Chinese characters and no Latin letters).
 */
export function splitDescription(v: unknown): { en: string; zh: string } {
  if (v === undefined || v === null) return { en: '', zh: '' };
  if (typeof v !== 'string') throw new Error('"description" should be text');
  const both = /^\s*EN:\s*([\s\S]*?)\s*中文[:：]\s*([\s\S]*?)\s*$/.exec(v);
  if (both) return { en: both[1]!, zh: both[2]! };
  return HAN.test(v) && !LATIN.test(v) ? { en: '', zh: v } : { en: v, zh: '' };
}

/** Applies every migration from `version` to the current one. Throws with a message on malformed input. */
export function migrate(doc: Json, version: number, target: number): Json {
  let current = doc;
  for (let v = version; v < target; v++) {
    const m = MIGRATIONS.find((x) => x.from === v);
    if (!m) throw new Error(`no migration from version ${v}`);
    current = m.up(current);
  }
  return current;
}
