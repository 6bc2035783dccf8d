import type { StateCreator } from 'zustand';
import type { PipelineDocument } from '../core';

/** The undo history: earlier and later documents, and the commands to move between them. */
export interface HistorySlice {
  past: PipelineDocument[];
  future: PipelineDocument[];
  undo(): void;
  redo(): void;
  /** Opens a step: every document change until `endStep` undoes as one (a drag, a paste). */
  beginStep(): void;
  endStep(): void;
  /** Forgets the history (after loading a saved session). */
  clearHistory(): void;
}

/** How many steps undo remembers. */
export const HISTORY_LIMIT = 200;

type WithDoc = { doc: PipelineDocument };

/**
 * Undo history as middleware at the root of the store: it watches `doc` through `set`, so slices
 * change the document in the ordinary way and never think about history. Documents are immutable,
 * so a step costs one reference.
 */
export function history<T extends WithDoc>(
  create: StateCreator<T & HistorySlice, [], [], T>,
): StateCreator<T & HistorySlice, [], [], T & HistorySlice> {
  return (set, get, api) => {
    let depth = 0;
    let stepStart: PipelineDocument | null = null;
    let travelling = false;

    const push = (before: PipelineDocument) => {
      const past = [...get().past, before];
      if (past.length > HISTORY_LIMIT) past.shift();
      set({ past, future: [] } as Partial<T & HistorySlice>);
    };

    const tracked: typeof set = ((partial: Parameters<typeof set>[0], replace?: boolean) => {
      const before = get().doc;
      (set as (p: unknown, r?: boolean) => void)(partial, replace);
      const after = get().doc;
      if (travelling || after === before) return;
      if (depth > 0) {
        stepStart ??= before;
        return;
      }
      push(before);
    }) as typeof set;

    const travel = (from: 'past' | 'future') => {
      const s = get();
      const stack = s[from];
      const target = stack[stack.length - 1];
      if (!target) return;
      travelling = true;
      const rest = stack.slice(0, -1);
      const other = from === 'past' ? 'future' : 'past';
      set({ doc: target, [from]: rest, [other]: [...s[other], s.doc] } as unknown as Partial<T & HistorySlice>);
      travelling = false;
    };

    const slice: HistorySlice = {
      past: [],
      future: [],
      undo: () => {
        if (depth === 0) travel('past');
      },
      redo: () => {
        if (depth === 0) travel('future');
      },
      beginStep: () => {
        depth++;
      },
      endStep: () => {
        if (depth === 0) return;
        depth--;
        if (depth === 0 && stepStart) {
          const start = stepStart;
          stepStart = null;
          if (start !== get().doc) push(start);
        }
      },
      clearHistory: () => set({ past: [], future: [] } as Partial<T & HistorySlice>),
    };
    return { ...create(tracked, get, api), ...slice };
  };
}
