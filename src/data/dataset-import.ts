import { looksLikeDicom } from './dicom/parse';
import { looksLikeNifti } from './nifti/read-nifti';
import { deidentify, type AuditEntry } from './deid/deidentify';
import { dicomHeader } from './dataset-summary';

/** One file offered for import: its path in the dropped folder and a way to read it. */
export interface ImportSource {
  path: string;
  /** The file's size and modification time (ms) where the browser gives them: planning and resuming an import read no bytes to know them. */
  size?: number;
  lastModified?: number;
  read(): Promise<Uint8Array>;
}

export interface ImportedFile {
  path: string;
  /** De-identified bytes for DICOM; the file as it was for anything else. */
  bytes: Uint8Array;
  dicom: boolean;
}

export interface HeaderComparison {
  path: string;
  before: { path: string; tag: string; vr: string; value: string }[];
  after: { path: string; tag: string; vr: string; value: string }[];
}

export interface PreparedImport {
  files: ImportedFile[];
  /** Kept in memory for this import only (never stored): the header before and after de-identification. */
  headers: HeaderComparison[];
  audit: { path: string; entries: AuditEntry[] }[];
  /** Files left out: burned-in annotation, or not DICOM/NIfTI/manifest. */
  excluded: { path: string; reason: 'burned-in-annotation' | 'not-medical' }[];
  warnings: string[];
}

export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
}

const TABLE = /\.(json|csv)$/i;

/**
 * Reads the files one by one and de-identifies every DICOM file (PS3.15 Annex E, one salt per import so
 * UIDs stay consistent across a study) before anything leaves this function: the caller stores only
 * what this returns. Stops with ImportCancelled as soon as `signal` is aborted; nothing of these sources
 * has been stored by then, because the caller stores what this returns afterwards (a folder import calls
 * this once per case, see src/ui/datasets/stream-import.ts).
 */
export async function prepareImport(sources: readonly ImportSource[], o: { salt: string; signal?: AbortSignal; onProgress?: (done: number, total: number) => void; acceptBurnedIn?: boolean }): Promise<PreparedImport> {
  const out: PreparedImport = { files: [], headers: [], audit: [], excluded: [], warnings: [] };
  for (const [i, src] of sources.entries()) {
    if (o.signal?.aborted) throw new ImportCancelled('Import cancelled.');
    const bytes = await src.read();
    // Anything that is not plainly NIfTI or a table is treated as DICOM (files without the preamble
    // included): it is stored de-identified or not at all.
    const nifti = !looksLikeDicom(bytes) && looksLikeNifti(bytes);
    if (nifti || TABLE.test(src.path)) {
      out.files.push({ path: src.path, bytes, dicom: false });
    } else {
      let r: ReturnType<typeof deidentify>;
      try {
        r = deidentify(bytes, { salt: o.salt, ...(o.acceptBurnedIn ? { acceptBurnedIn: true } : {}) });
      } catch {
        out.excluded.push({ path: src.path, reason: 'not-medical' });
        o.onProgress?.(i + 1, sources.length);
        continue;
      }
      out.warnings.push(...r.warnings.map((w) => `${src.path}: ${w}`));
      out.audit.push({ path: src.path, entries: r.audit });
      if (!r.ok) out.excluded.push({ path: src.path, reason: r.excluded });
      else {
        out.files.push({ path: src.path, bytes: r.bytes, dicom: true });
        const before = dicomHeader(bytes);
        const after = dicomHeader(r.bytes);
        if (before && after) out.headers.push({ path: src.path, before, after });
      }
    }
    o.onProgress?.(i + 1, sources.length);
  }
  if (o.signal?.aborted) throw new ImportCancelled('Import cancelled.');
  return out;
}

/**
 * The sources an import left out because their DICOM header says Burned In Annotation YES: the pixels
 * may show names or dates that de-identification cannot remove. Importing them again with
 * `acceptBurnedIn` is the user's decision; each file's audit log then records it.
 */
export function burnedInSources(sources: readonly ImportSource[], r: Pick<PreparedImport, 'excluded'>): ImportSource[] {
  const paths = new Set(r.excluded.filter((e) => e.reason === 'burned-in-annotation').map((e) => e.path));
  return sources.filter((s) => paths.has(s.path));
}
