import type { StateCreator } from 'zustand';
import type { PipelineDocument } from '../core';
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

export const createDocumentSlice: StateCreator<EditorStore, [], [], DocumentSlice> = (set, get) => ({
  doc: emptyDocument(),
  edit: (e) => set({ doc: applyEdit(get().doc, e) }),
  editAll: (edits) => set({ doc: edits.reduce(applyEdit, get().doc) }),
});
