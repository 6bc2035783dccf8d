import type { BlockDef } from './block';
import type { Registry } from './compiler/registry';
import { diagnostic, type Diagnostic } from './diagnostics';
import type { BlockInstance, PipelineDocument } from './document';

/**
 * One step of a block type's parameter history (tldraw's shape-props migrations, per block): what
 * version `to` changed, and how parameters written for `to - 1` become parameters for `to`.
 * A block's `migrations` run in order from the version a document recorded to the block's `version`.
 */
export interface BlockMigration {
  to: number;
  describe: string;
  up(params: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Checks a block's migrations form one unbroken sequence 2, 3, … up to its `version` (a block at
 * version 1 has none). Returns the problems; empty when it is sound. Run over the library by a test.
 */
export function migrationProblems(def: Pick<BlockDef, 'type' | 'version' | 'migrations'>): string[] {
  const ms = def.migrations ?? [];
  const problems: string[] = [];
  if (!Number.isInteger(def.version) || def.version < 1) problems.push(`${def.type}: version ${def.version} is not a whole number ≥ 1`);
  ms.forEach((m, i) => {
    if (m.to !== i + 2) problems.push(`${def.type}: migration ${i + 1} goes to version ${m.to}, expected ${i + 2}`);
  });
  if (ms.length !== Math.max(0, def.version - 1)) problems.push(`${def.type}: version ${def.version} needs ${def.version - 1} migration(s), has ${ms.length}`);
  return problems;
}

/** The version field a new block of this type is stored with (none for version 1, which absent means). */
export const versionField = (def: Pick<BlockDef, 'version'> | undefined): { version?: number } => (def && def.version > 1 ? { version: def.version } : {});

/** The version a block instance was written for: absent means 1 (documents from before versions were recorded). */
export const instanceVersion = (b: Pick<BlockInstance, 'version'>): number => b.version ?? 1;

/**
 * Brings one block's parameters up to its type's current version. A block written by a newer Jimu
 * (a version this library does not know) is left as it is, with an error that says so.
 */
export function upgradeBlock(b: BlockInstance, def: BlockDef | undefined): { block: BlockInstance; diagnostics: Diagnostic[] } {
  if (!def) return { block: b, diagnostics: [] };
  const from = instanceVersion(b);
  if (from > def.version) {
    return { block: b, diagnostics: [diagnostic('J120', { block: b.id, type: def.type, found: from, supported: def.version }, { block: b.id })] };
  }
  if (from === def.version) return { block: b, diagnostics: [] };
  let params: Record<string, unknown> = { ...b.params };
  for (const m of def.migrations ?? []) {
    if (m.to <= from) continue;
    try {
      params = m.up(params);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return { block: b, diagnostics: [diagnostic('J121', { block: b.id, type: def.type, from, to: m.to, detail }, { block: b.id })] };
    }
  }
  const { version: _old, ...rest } = b;
  // Version 1 is what an absent version means, so documents of blocks never migrated stay as they were.
  return { block: { ...rest, params, ...versionField(def) }, diagnostics: [] };
}

/**
 * Upgrades every block of a document (and of its own composites) to the library's versions. Pure:
 * returns the same document object when nothing changed, so caches keyed on it keep working.
 */
export function upgradeBlocks(doc: PipelineDocument, registry: Registry): { doc: PipelineDocument; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const upgradeAll = (blocks: BlockInstance[]): BlockInstance[] => {
    let changed = false;
    const out = blocks.map((b) => {
      const r = upgradeBlock(b, registry.get(b.type));
      diagnostics.push(...r.diagnostics);
      if (r.block !== b) changed = true;
      return r.block;
    });
    return changed ? out : blocks;
  };
  const blocks = upgradeAll(doc.blocks);
  let composites = doc.composites;
  for (const [name, c] of Object.entries(doc.composites)) {
    const inner = upgradeAll(c.blocks);
    if (inner !== c.blocks) composites = { ...composites, [name]: { ...c, blocks: inner } };
  }
  if (blocks === doc.blocks && composites === doc.composites) return { doc, diagnostics };
  return { doc: { ...doc, blocks, composites }, diagnostics };
}
