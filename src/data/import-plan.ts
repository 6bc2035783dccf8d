/**
 * Planning a large import: which files travel together as one case. A case is read, de-identified and
 * stored on its own, so an import never holds more than a few cases in memory, and a reload mid-import
 * loses at most the cases in flight.
 */

/** A file offered for import as planning sees it: its path in the picked folder, and its size and date when the browser gives them. */
export interface SourceStamp {
  path: string;
  size?: number;
  lastModified?: number;
}

export interface ImportCase<S extends SourceStamp = SourceStamp> {
  /** The file for a NIfTI volume or a table, the folder for a DICOM series (with its part, when split). */
  name: string;
  sources: S[];
  /** The case's bytes as the browser reports the files' sizes (0 for a file of unknown size). */
  bytes: number;
}

/** Files that are one case each: NIfTI volumes and tables (manifests, label tables). */
const ONE_FILE_CASE = /\.(nii|nii\.gz|json|csv|tsv)$/i;

/** A DICOM folder is one series case, split into parts of at most this many bytes so one case never fills memory. */
export const MAX_CASE_BYTES = 64 * 1024 * 1024;

const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/**
 * Groups the picked files into cases, in path order: each NIfTI file or table is a case; the other files
 * (DICOM, with or without the .dcm ending) are grouped by folder, one series per folder, a large folder
 * split into parts of at most `maxCaseBytes`.
 */
export function planCases<S extends SourceStamp>(sources: readonly S[], maxCaseBytes = MAX_CASE_BYTES): ImportCase<S>[] {
  const sorted = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const out: ImportCase<S>[] = [];
  const series = new Map<string, ImportCase<S>[]>();
  for (const s of sorted) {
    const size = s.size ?? 0;
    if (ONE_FILE_CASE.test(s.path)) {
      out.push({ name: s.path, sources: [s], bytes: size });
      continue;
    }
    const folder = folderOf(s.path);
    let parts = series.get(folder);
    if (!parts) {
      parts = [];
      series.set(folder, parts);
    }
    let last = parts[parts.length - 1];
    if (!last || (last.sources.length > 0 && last.bytes + size > maxCaseBytes)) {
      last = { name: folder || s.path, sources: [], bytes: 0 };
      parts.push(last);
      out.push(last);
    }
    last.sources.push(s);
    last.bytes += size;
  }
  // A split series is named by its part, so progress says which part is being read.
  for (const parts of series.values()) if (parts.length > 1) parts.forEach((p, i) => (p.name = `${p.name} (${i + 1}/${parts.length})`));
  return out;
}

/** The folder a picked set of files came from (the first path segment), or the first file's name when files were picked one by one. */
export function importRoot(sources: readonly SourceStamp[]): string {
  const first = sources[0]?.path ?? 'dataset';
  return first.split('/')[0] ?? first;
}
