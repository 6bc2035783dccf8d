import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createDocumentSlice, type DocumentSlice } from './document-slice';
import { history, type HistorySlice } from './history';
import { createTrainingSlice, type TrainingSlice } from './training/training-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type EditorStore = DocumentSlice & UiSlice & TrainingSlice & HistorySlice;

/** A fresh editor store: slices combined, undo history as middleware at the root. */
export function createEditorStore() {
  return createStore<EditorStore>()(
    history<DocumentSlice & UiSlice & TrainingSlice>((...a) => ({
      ...createDocumentSlice(...(a as Parameters<typeof createDocumentSlice>)),
      ...createUiSlice(...(a as Parameters<typeof createUiSlice>)),
      ...createTrainingSlice(...(a as Parameters<typeof createTrainingSlice>)),
    })),
  );
}

/** The app's one editor store. */
export const editorStore = createEditorStore();

/** Reads one narrow piece of the editor store: `useEditor((s) => s.doc.name)`. */
export function useEditor<T>(selector: (s: EditorStore) => T): T {
  return useStore(editorStore, selector);
}
