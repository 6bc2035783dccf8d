import { useEffect } from 'react';
import { commands, editorStore, type ClipboardPort } from '../store';
import { downloadDocument } from './files';

const CLIPBOARD_KEY = 'jimu.clipboard';

/**
 * The clipboard: kept in localStorage so a copy pastes into another document or tab, and offered
 * to the system clipboard too (where the browser allows) so it can be pasted as text elsewhere.
 */
export const browserClipboard: ClipboardPort = {
  write(text) {
    localStorage.setItem(CLIPBOARD_KEY, text);
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  },
  async read() {
    return localStorage.getItem(CLIPBOARD_KEY);
  },
};

export const editorCommands = commands(editorStore, browserClipboard);

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest('.monaco-editor, .code-view');
}

/** Keyboard shortcuts for the editor; ignored while the user types in a field or the code view. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const s = editorStore.getState();
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey) s.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) s.redo();
      else if (mod && key === 'c') editorCommands.copy();
      else if (mod && key === 'x') editorCommands.cut();
      else if (mod && key === 'v') void editorCommands.paste();
      else if (mod && key === 'd') editorCommands.duplicate();
      else if (mod && key === 'a') editorCommands.selectAll();
      else if (mod && key === 's') downloadDocument(s.doc);
      else if (!mod && (key === 'delete' || key === 'backspace')) editorCommands.deleteSelection();
      else if (key === 'escape') s.select([]);
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
