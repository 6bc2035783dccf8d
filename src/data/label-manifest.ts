import Papa from 'papaparse';
import { tableRows } from './label-table';

/** An imported scan as the Datasets page lists it: a NIfTI file, or the files of one DICOM series. */
export interface ScanRef {
  format: string;
  files: readonly string[];
}

/** Which columns of a label table say what. */
export interface LabelColumns {
  /** The column naming each scan: its file name (with or without extension) or its series folder. */
  image: string;
  /** The column holding the label: a class name or a number. */
  label: string;
  /** The column naming the patient; empty: each scan is its own patient. */
  patient?: string;
  /** The modality name the manifest gives the scans (the Volume Folder block's channel name). */
  modality?: string;
}

/** A manifest written from a label table, and what did not match. */
export interface LabelManifest {
  /** Where the manifest goes in the dataset: beside the scans (`folder/manifest.csv`). */
  path: string;
  /** The folder the Volume Folder block names to read it ('' when the files sit at the top). */
  folder: string;
  text: string;
  /** Scans with a label. */
  labelled: number;
  /** Scans without a row or with an empty label, by id. */
  unlabelled: string[];
  /** Table rows naming no scan of the dataset, by the name they give. */
  unmatched: string[];
}

const EXTENSION = /(\.nii\.gz|\.nii|\.dcm|\.gz)$/i;

const baseName = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? p;
const stem = (p: string) => baseName(p).replace(EXTENSION, '');

/** The path the manifest names a scan by: a NIfTI file, or a DICOM series' folder (ending in `/`). */
function scanPath(s: ScanRef): string {
  const first = s.files[0] ?? '';
  if (s.format === 'dicom') {
    const dir = first.includes('/') ? first.slice(0, first.lastIndexOf('/') + 1) : '';
    return dir || first;
  }
  return first;
}

/** The names a person may have written for a scan in their table, most exact first. */
function namesOf(path: string): string[] {
  const noSlash = path.replace(/\/+$/, '');
  return [...new Set([noSlash, baseName(noSlash), stem(noSlash)].map((n) => n.toLowerCase()))];
}

/**
 * Writes a Volume Folder manifest (CSV: id, patient, image:<modality>, label) for the scans of an imported
 * folder from a table of labels the user already has, so that nobody writes a manifest by hand. A scan is
 * matched to the row whose image column gives its path, its file name, or its name without extension; a
 * scan with no row is kept with an empty label, so the page lists it as missing.
 */
export function manifestFromLabelTable(csv: string, columns: LabelColumns, scans: readonly ScanRef[], source = 'the label table'): LabelManifest {
  const { header, rows } = tableRows(csv, source);
  const col = (name: string | undefined) => (name ? header.indexOf(name) : -1);
  const imageCol = col(columns.image);
  const labelCol = col(columns.label);
  const patientCol = col(columns.patient);
  const paths = scans.map(scanPath);
  // The manifest sits in the folder every scan shares, so its paths stay short and relative.
  const top = paths.length && paths.every((p) => p.includes('/') && p.split('/')[0] === paths[0]!.split('/')[0]) ? `${paths[0]!.split('/')[0]}/` : '';
  const byName = new Map<string, number>();
  paths.forEach((p, i) => {
    for (const n of namesOf(p.slice(top.length))) if (!byName.has(n)) byName.set(n, i);
  });
  const rowOf = new Map<number, string[]>();
  const unmatched: string[] = [];
  for (const row of rows) {
    const named = imageCol >= 0 ? (row[imageCol] ?? '') : '';
    if (!named) continue;
    const hit = namesOf(named).map((n) => byName.get(n)).find((i) => i !== undefined);
    if (hit === undefined) unmatched.push(named);
    else if (!rowOf.has(hit)) rowOf.set(hit, row);
  }
  const modality = (columns.modality ?? '').trim() || 'image';
  const out: string[][] = [['id', 'patient', `image:${modality}`, 'label']];
  const unlabelled: string[] = [];
  paths.forEach((p, i) => {
    const row = rowOf.get(i);
    const id = stem(p) || `scan-${i + 1}`;
    const label = row && labelCol >= 0 ? (row[labelCol] ?? '') : '';
    const patient = (row && patientCol >= 0 ? row[patientCol] : '') || id;
    if (!label) unlabelled.push(id);
    out.push([id, patient, p.slice(top.length), label]);
  });
  return { path: `${top}manifest.csv`, folder: top.replace(/\/$/, ''), text: `${Papa.unparse(out, { newline: '\n' })}\n`, labelled: paths.length - unlabelled.length, unlabelled, unmatched };
}

/** The columns of a label table and a first guess at which says what: the one naming the most scans is the image column. */
export function guessLabelColumns(csv: string, scans: readonly ScanRef[], source = 'the label table'): { header: string[]; guess: LabelColumns } {
  const { header, rows } = tableRows(csv, source);
  const names = new Set(scans.flatMap((s) => namesOf(scanPath(s)).concat(namesOf(scanPath(s).split('/').slice(1).join('/')))));
  const score = (i: number) => rows.filter((r) => namesOf(r[i] ?? '').some((n) => names.has(n))).length;
  const byScore = header.map((h, i) => ({ h, s: score(i) })).sort((a, b) => b.s - a.s);
  const image = byScore[0]?.h ?? header[0] ?? '';
  const patient = header.find((h) => /^(patient|subject|patient[_ ]?id|subject[_ ]?id)$/i.test(h) && h !== image) ?? '';
  const label = header.find((h) => /^(label|class|diagnosis|grade|age|target)$/i.test(h) && h !== image) ?? header.filter((h) => h !== image && h !== patient).pop() ?? '';
  return { header, guess: { image, label, patient } };
}
