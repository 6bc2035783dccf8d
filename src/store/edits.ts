import { CURRENT_VERSION, type BlockInstance, type Lang, type Link, type PipelineDocument } from '../core';
import { newBlockId } from './ids';

/** A position on the canvas. */
export interface XY {
  x: number;
  y: number;
}

/**
 * Every change a user can make to the document, as one tagged union. `applyEdit` is the only
 * place that turns an edit into a new document; the store, the tests and undo all go through it.
 */
export type Edit =
  | { type: 'add-block'; id: string; blockType: string; at: XY; params?: Record<string, unknown>; version?: number }
  | { type: 'remove'; blocks: readonly string[]; links: readonly string[] }
  | { type: 'move'; positions: Readonly<Record<string, XY>> }
  | { type: 'connect'; link: Link; replace?: boolean }
  | { type: 'set-param'; block: string; param: string; value: unknown }
  | { type: 'rename'; block: string; name: string }
  | { type: 'set-meta'; name?: string; description?: { lang: Lang; text: string } }
  | { type: 'insert'; blocks: readonly BlockInstance[]; links: readonly Link[]; layout: Readonly<Record<string, XY>> }
  | { type: 'replace'; document: PipelineDocument };

/** A stable key for a link, used as the canvas edge id. */
export function linkKey(link: Link): string {
  return `${link.from.block}.${link.from.port}->${link.to.block}.${link.to.port}`;
}

/** A document with nothing in it, ready to build on. */
/** The name a new document has until its user names it; the toolbar shows it in the interface's language. */
export const DEFAULT_NAME = 'Untitled pipeline';

export function emptyDocument(name = DEFAULT_NAME): PipelineDocument {
  return { format: 'jimu.pipeline', version: CURRENT_VERSION, composites: {}, name, description: { en: '', zh: '' }, blocks: [], links: [], layout: {}, meta: { seed: 42, jimu: '0.1.0' } };
}

/** Applies one edit. Pure: the input document is never changed, untouched parts are shared. */
export function applyEdit(doc: PipelineDocument, edit: Edit): PipelineDocument {
  switch (edit.type) {
    case 'add-block': {
      if (doc.blocks.some((b) => b.id === edit.id)) return doc;
      const block: BlockInstance = { id: edit.id, type: edit.blockType, params: { ...(edit.params ?? {}) }, ...(edit.version !== undefined && edit.version > 1 ? { version: edit.version } : {}) };
      return { ...doc, blocks: [...doc.blocks, block], layout: { ...doc.layout, [edit.id]: round(edit.at) } };
    }
    case 'remove': {
      const blocks = new Set(edit.blocks);
      const links = new Set(edit.links);
      if (blocks.size === 0 && links.size === 0) return doc;
      const layout = { ...doc.layout };
      for (const id of blocks) delete layout[id];
      return {
        ...doc,
        blocks: blocks.size ? doc.blocks.filter((b) => !blocks.has(b.id)) : doc.blocks,
        links: doc.links.filter((l) => !links.has(linkKey(l)) && !blocks.has(l.from.block) && !blocks.has(l.to.block)),
        layout: blocks.size ? layout : doc.layout,
      };
    }
    case 'move': {
      const entries = Object.entries(edit.positions).filter(([id]) => doc.blocks.some((b) => b.id === id));
      if (entries.length === 0) return doc;
      const layout = { ...doc.layout };
      for (const [id, p] of entries) layout[id] = round(p);
      return { ...doc, layout };
    }
    case 'connect': {
      const key = linkKey(edit.link);
      if (doc.links.some((l) => linkKey(l) === key)) return doc;
      const to = edit.link.to;
      const kept = edit.replace ? doc.links.filter((l) => !(l.to.block === to.block && l.to.port === to.port)) : doc.links;
      return { ...doc, links: [...kept, { from: { ...edit.link.from }, to: { ...to } }] };
    }
    case 'set-param':
      return mapBlock(doc, edit.block, (b) => {
        const params = { ...b.params };
        if (edit.value === undefined) delete params[edit.param];
        else params[edit.param] = edit.value;
        return { ...b, params };
      });
    case 'rename':
      return mapBlock(doc, edit.block, (b) => {
        const { name: _old, ...rest } = b;
        const name = edit.name.trim();
        return name ? { ...rest, name } : rest;
      });
    case 'set-meta':
      return {
        ...doc,
        ...(edit.name !== undefined ? { name: edit.name } : {}),
        ...(edit.description !== undefined ? { description: { ...doc.description, [edit.description.lang]: edit.description.text } } : {}),
      };
    case 'insert':
      return {
        ...doc,
        blocks: [...doc.blocks, ...edit.blocks],
        links: [...doc.links, ...edit.links],
        layout: { ...doc.layout, ...edit.layout },
      };
    case 'replace':
      return edit.document;
    default: {
      const never: never = edit;
      return never;
    }
  }
}

function mapBlock(doc: PipelineDocument, id: string, f: (b: BlockInstance) => BlockInstance): PipelineDocument {
  const i = doc.blocks.findIndex((b) => b.id === id);
  if (i < 0) return doc;
  const blocks = doc.blocks.slice();
  blocks[i] = f(blocks[i]!);
  return { ...doc, blocks };
}

function round(p: XY): XY {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** The add-block edit for a new block of `type`, with a fresh id. */
export function addBlockEdit(doc: PipelineDocument, blockType: string, at: XY, version?: number): Extract<Edit, { type: 'add-block' }> {
  return { type: 'add-block', id: newBlockId(blockType, new Set(doc.blocks.map((b) => b.id))), blockType, at, ...(version !== undefined ? { version } : {}) };
}
