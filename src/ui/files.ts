import { parseDocument, serializeDocument, type PipelineDocument } from '../core';
import { editorStore } from '../store';
import { forgetOrigin } from './team/team-store';

/** A name made safe for a file: letters, digits, `_` and `-`, each run of anything else one `-`. */
export function fileStem(name: string, fallback: string): string {
  return name.trim().replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || fallback;
}

/** A file name for the document: its name, made safe, with the pipeline extension. */
export function fileNameFor(doc: PipelineDocument): string {
  return `${fileStem(doc.name, 'pipeline')}.pipeline.json`;
}

/** Offers a blob to the user as a file download named `name`. */
export function offerDownload(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers the document as a download. */
export function downloadDocument(doc: PipelineDocument): void {
  offerDownload(fileNameFor(doc), new Blob([serializeDocument({ ...doc, meta: { ...doc.meta, jimu: '0.1.0', modified: new Date().toISOString() } })], { type: 'application/json' }));
}

/**
 * Opens pipeline text: a valid document replaces the current one (one undo step); anything else
 * is explained and the current document stays as it was. Returns whether it opened.
 */
/** Opens a document from its text; `name`, when given, names it (a template in the reader's language). */
export function openText(text: string, fileName: string, name?: string): boolean {
  const s = editorStore.getState();
  const parsed = parseDocument(text);
  if (!parsed.document) {
    s.notify({ kind: 'file-error', file: fileName, diagnostics: parsed.diagnostics });
    return false;
  }
  if (name) parsed.document.name = name;
  // Whatever opens here is not (or not yet: the team server's Open says so after) a server version.
  forgetOrigin();
  s.edit({ type: 'replace', document: parsed.document });
  s.select([]);
  s.requestFit();
  s.notify({ kind: 'info', key: 'opened', args: { name: parsed.document.name } });
  return true;
}

export async function openFile(file: File): Promise<boolean> {
  return openText(await file.text(), file.name);
}
