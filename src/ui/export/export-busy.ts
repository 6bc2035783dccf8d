import { create } from 'zustand';

/** Whether an export for GPU training is being made: view state, outside the document and its history. */
export const useExportBusy = create<{ busy: boolean }>(() => ({ busy: false }));
