import { create } from 'zustand';

/**
 * Whether an export for GPU training is being made, and how to stop it: view state, outside the document and
 * its history. The notice's Cancel button calls `cancel` without loading the export's code.
 */
export const useExportBusy = create<{ busy: boolean; cancel: (() => void) | null }>(() => ({ busy: false, cancel: null }));
