import Dexie, { type Table } from 'dexie';
import { parseDocument, type PipelineDocument } from '../core';

interface SavedDocument {
  key: string;
  doc: PipelineDocument;
  saved: number;
}

/** The editor's own IndexedDB database: the working document, saved as the user edits. */
export class EditorDatabase extends Dexie {
  documents!: Table<SavedDocument, string>;
  constructor(name = 'jimu-editor') {
    super(name);
    this.version(1).stores({ documents: 'key' });
  }
}

const CURRENT = 'current';

export async function saveCurrent(db: EditorDatabase, doc: PipelineDocument): Promise<void> {
  await db.documents.put({ key: CURRENT, doc, saved: Date.now() });
}

/** The last saved document, checked like any file; null when there is none or it no longer reads. */
export async function loadCurrent(db: EditorDatabase): Promise<PipelineDocument | null> {
  const row = await db.documents.get(CURRENT);
  if (!row) return null;
  return parseDocument(row.doc).document ?? null;
}
