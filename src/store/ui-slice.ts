import type { StateCreator } from 'zustand';
import type { ParseKeys } from 'i18next';
import type { Diagnostic } from '../core';
import type { EditorStore } from './store';

/** What the editor tells the user outside the canvas: one tagged union, one place to render it. */
export type Notice =
  | { kind: 'refused'; reason: Diagnostic }
  | { kind: 'file-error'; file: string; diagnostics: Diagnostic[] }
  | { kind: 'storage'; problem: 'full' | 'denied' | 'failed' | 'other-tab' }
  /** The page was reloaded while a run of `name` was training: that run is gone. */
  | { kind: 'run-interrupted'; name: string }
  | { kind: 'info'; key: ParseKeys; args?: Record<string, string | number> }
  /** "Export for GPU training" made nothing: the pipeline's errors, its blocks with no PyTorch counterpart (J501), or what failed. */
  | { kind: 'export-refused'; reason: 'errors' | 'unsupported' | 'failed'; diagnostics: Diagnostic[] }
  /** An export for GPU training on its way: making the sample data, writing case `done` of `total`, zipping. */
  | { kind: 'exporting'; stage: 'data' | 'files' | 'zip'; done?: number; total?: number };

export type SaveState = 'saved' | 'saving' | 'failed';

export type SidePanel = 'inspector' | 'code' | 'training' | 'runs';

/** Selection and view state: never saved in the document, never undone. */
export interface UiSlice {
  selectedBlocks: string[];
  selectedLinks: string[];
  notice: Notice | null;
  panel: SidePanel;
  templatesOpen: boolean;
  /** Bumped when the view should fit the whole pipeline (after opening one), or only `fitOnly`'s blocks. */
  fitRequest: number;
  fitOnly: string[] | null;
  requestFit(only?: string[]): void;
  /** Whether the browser holds the latest document. */
  saveState: SaveState;
  setSaveState(state: SaveState): void;
  select(blocks: string[], links?: string[]): void;
  notify(notice: Notice | null): void;
  showPanel(panel: SidePanel): void;
  showTemplates(open: boolean): void;
}

export const createUiSlice: StateCreator<EditorStore, [], [], UiSlice> = (set) => ({
  selectedBlocks: [],
  selectedLinks: [],
  notice: null,
  panel: 'inspector',
  templatesOpen: false,
  fitRequest: 0,
  fitOnly: null,
  saveState: 'saved',
  setSaveState: (saveState) => set({ saveState }),
  requestFit: (only) => set((s) => ({ fitRequest: s.fitRequest + 1, fitOnly: only ?? null })),
  select: (blocks, links = []) =>
    set((s) => (same(s.selectedBlocks, blocks) && same(s.selectedLinks, links) ? s : { selectedBlocks: blocks, selectedLinks: links })),
  notify: (notice) => set({ notice }),
  showPanel: (panel) => set({ panel }),
  showTemplates: (templatesOpen) => set({ templatesOpen }),
});

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
