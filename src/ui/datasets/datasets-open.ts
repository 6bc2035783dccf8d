import { create } from 'zustand';

/** Whether the datasets page is open: view state of its own, outside the document and its history. */
export const useDatasetsOpen = create<{ open: boolean; setOpen: (open: boolean) => void }>((set) => ({ open: false, setOpen: (open) => set({ open }) }));
