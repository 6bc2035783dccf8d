import type { StateCreator } from 'zustand';
import { REGISTRY } from '../../blocks';
import { upgradeBlocks, withDocumentComposites, type PipelineDocument } from '../core';
import { applyEdit, emptyDocument, type Edit } from './edits';
import type { EditorStore } from './store';

/** The document being edited, and the one way to change it. */
export interface DocumentSlice {
  doc: PipelineDocument;
  /** Applies an edit; every call is one undo step unless a step is open. */
  edit(edit: Edit): void;
  /** Applies several edits as one undo step. */
  editAll(edits: readonly Edit[]): void;
}

/**
 * A document from outside (a file, a template, the Code view, a run) arrives with the block versions it
 * was saved with; its blocks are brought up to the library's versions as it comes in, so the editor
 * and what it saves always hold current parameters. Blocks it cannot upgrade stay as they were, and the
 * compiler reports them.
 */
const current = (edit: Edit): Edit => (edit.type === 'replace' ? { ...edit, document: upgradeBlocks(edit.document, withDocumentComposites(edit.document, REGISTRY).registry).doc } : edit);

export const createDocumentSlice: StateCreator<EditorStore, [], [], DocumentSlice> = (set, get) => ({
  doc: emptyDocument(),
  edit: (e) => set({ doc: applyEdit(get().doc, current(e)) }),
  editAll: (edits) => set({ doc: edits.map(current).reduce(applyEdit, get().doc) }),
});
