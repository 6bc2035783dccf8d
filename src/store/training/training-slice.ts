import type { StateCreator } from 'zustand';
import type { BackendRequest } from '../../worker/protocol';
import type { EditorStore } from '../store';
import { documentKey } from '../../storage/document-key';
import { IDLE, reduceRun, type RunEvent, type RunState } from './run-state';

/** The current training run and the user's backend choice: view state, never saved in the document. */
export interface TrainingSlice {
  run: RunState;
  dispatchRun(event: RunEvent): void;
  /** Several events reduced in order with one store update (batch progress arrives many times a second). */
  dispatchRuns(events: readonly RunEvent[]): void;
  backendRequest: BackendRequest;
  setBackendRequest(request: BackendRequest): void;
  /** The pipeline the current run trains ({@link documentKey} and name): its results are shown only beside it. */
  runDoc: { key: string; name: string } | null;
  /** The run shown in the evaluation views when it is not the current one (from the history). */
  viewedRun: string | null;
  viewRun(id: string | null): void;
}

export const createTrainingSlice: StateCreator<EditorStore, [], [], TrainingSlice> = (set, get) => ({
  run: IDLE,
  dispatchRun: (event) => {
    const next = reduceRun(get().run, event);
    if (next === get().run) return;
    // A run belongs to the pipeline it was started from.
    if (event.type === 'start') set({ run: next, runDoc: { key: documentKey(get().doc), name: get().doc.name } });
    else set({ run: next });
  },
  dispatchRuns: (events) => {
    const next = events.reduce(reduceRun, get().run);
    if (next !== get().run) set({ run: next });
  },
  runDoc: null,
  backendRequest: 'auto',
  setBackendRequest: (backendRequest) => set({ backendRequest }),
  viewedRun: null,
  viewRun: (viewedRun) => set({ viewedRun }),
});
