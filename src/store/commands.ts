import type { StoreApi } from 'zustand';
import { copyFragment, parseFragment, pasteEdit } from './clipboard';
import { REGISTRY } from '../../blocks';
import { groupIntoComposite, inlineComposite } from '../core';
import { LAYOUT_BLOCK, openedLayout } from './auto-layout';
import type { EditorStore } from './store';

/** Where copied blocks go: the system clipboard where allowed, and a copy the editor keeps itself. */
export interface ClipboardPort {
  write(text: string): void;
  read(): Promise<string | null>;
}

/** How far a paste or duplicate lands from the original, so it does not hide it. */
export const PASTE_OFFSET = { x: 40, y: 40 };

/** Editor commands that read the selection and change the document: each is one undo step. */
export function commands(store: StoreApi<EditorStore>, clipboard: ClipboardPort) {
  const s = () => store.getState();
  return {
    deleteSelection() {
      const { selectedBlocks, selectedLinks, edit, select } = s();
      if (!selectedBlocks.length && !selectedLinks.length) return;
      edit({ type: 'remove', blocks: selectedBlocks, links: selectedLinks });
      select([]);
    },
    copy(): boolean {
      const f = copyFragment(s().doc, s().selectedBlocks);
      if (f) clipboard.write(JSON.stringify(f));
      return !!f;
    },
    cut() {
      if (this.copy()) this.deleteSelection();
    },
    async paste(): Promise<boolean> {
      const text = await clipboard.read();
      const f = text ? parseFragment(text) : null;
      if (!f) return false;
      const { edit, ids } = pasteEdit(s().doc, f, PASTE_OFFSET);
      s().edit(edit);
      s().select(ids);
      return true;
    },
    duplicate() {
      const f = copyFragment(s().doc, s().selectedBlocks);
      if (!f) return;
      const { edit, ids } = pasteEdit(s().doc, f, PASTE_OFFSET);
      s().edit(edit);
      s().select(ids);
    },
    selectAll() {
      s().select(s().doc.blocks.map((b) => b.id));
    },
    /** Turns the selected blocks into one composite block of this document; returns an error in words. */
    group(label: string): string | null {
      const r = groupIntoComposite(s().doc, s().selectedBlocks, REGISTRY, label);
      if ('error' in r) return r.error;
      s().edit({ type: 'replace', document: r.doc });
      s().select(r.block ? [r.block] : []);
      return null;
    },
    /**
     * Replaces a composite block by the blocks it stands for, so each can be edited: laid out readably
     * in the composite's place, neighbours pushed aside, as one undo step. `size` is the composite's
     * size on the canvas, `sizes` the measured sizes of the other blocks.
     */
    async openComposite(id: string, size: { width: number; height: number } = LAYOUT_BLOCK, sizes: Readonly<Record<string, { width: number; height: number }>> = {}): Promise<string | null> {
      const doc = s().doc;
      const r = inlineComposite(doc, id, REGISTRY);
      if ('error' in r) return r.error;
      const before = new Set(doc.blocks.map((b) => b.id));
      const opened = r.doc.blocks.filter((b) => !before.has(b.id)).map((b) => b.id);
      // A user-made composite keeps the inner layout it was grouped with.
      const own = doc.composites[doc.blocks.find((b) => b.id === id)!.type]?.layout;
      const origin = doc.layout[id] ?? { x: 0, y: 0 };
      const layout = own && Object.keys(own).length ? r.doc.layout : await openedLayout(r.doc, opened, { ...origin, ...size }, sizes);
      if (s().doc !== doc) return null; // the document changed while the layout ran: leave it as the user has it
      s().edit({ type: 'replace', document: { ...r.doc, layout } });
      s().select(opened);
      return null;
    },
  };
}
