import { looksLikeDicom, parseDicom } from './dicom/parse';
import { headerRows } from './deid/deidentify';
import { looksLikeNifti } from './nifti/read-nifti';
import { readFolder } from './medical';
import type { NamedBytes } from './dicom/series';
import { detectLabelKind, parseManifest, type Manifest } from './volume-folder';
import { volumeStats, type Volume } from './volume';

/** A histogram over [min, max] in equal bins (the last bin holds max); non-finite values left out. */
export function histogram(data: ArrayLike<number>, bins: number): { min: number; max: number; counts: number[] } {
  const { min, max } = volumeStats(data);
  const counts = new Array<number>(bins).fill(0);
  if (!Number.isFinite(min)) return { min: 0, max: 0, counts };
  const width = (max - min) / bins || 1;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
  }
  return { min, max, counts };
}

export interface VolumeSummary {
  source: string;
  files: string[];
  format: string;
  shape: number[];
  spacing: number[];
  units: string;
  min: number;
  max: number;
  mean: number;
  histogram: { min: number; max: number; counts: number[] };
  volume: Volume;
}

export interface DatasetSummary {
  volumes: VolumeSummary[];
  /** Files that could not be read, with the reason. */
  unreadable: { source: string; message: string }[];
  /** Label counts from a manifest, when the dataset has one. */
  labels: { kind: string; counts: Record<string, number>; missing: string[] } | null;
  manifest: Manifest | null;
}

const MANIFEST = /(^|\/)manifest\.(json|csv)$/i;

/**
 * What a dataset holds: every volume (NIfTI file or DICOM series) with its size, spacing, value range
 * and histogram; files that did not read; and, from a manifest, counts per label and the items whose
 * label is missing.
 */
export async function summarizeDataset(files: readonly NamedBytes[], bins = 32): Promise<DatasetSummary> {
  const manifestFile = files.find((f) => MANIFEST.test(f.name));
  const images = files.filter((f) => f !== manifestFile && !/\.(json|csv|txt|md)$/i.test(f.name));
  const volumes: VolumeSummary[] = [];
  const unreadable: DatasetSummary['unreadable'] = [];
  for (const v of await readFolder(images)) {
    if (!v.volume) {
      unreadable.push({ source: v.source, message: v.error?.message ?? 'unreadable' });
      continue;
    }
    const s = volumeStats(v.volume.data);
    volumes.push({ source: v.source, files: v.files, format: v.volume.meta.format, shape: v.volume.shape, spacing: v.volume.spacing, units: v.volume.meta.units, min: s.min, max: s.max, mean: s.mean, histogram: histogram(v.volume.data, bins), volume: v.volume });
  }
  let manifest: Manifest | null = null;
  let labels: DatasetSummary['labels'] = null;
  if (manifestFile) {
    manifest = parseManifest(new TextDecoder().decode(manifestFile.bytes), manifestFile.name);
    const kind = detectLabelKind(manifest.items);
    const counts: Record<string, number> = {};
    const missing: string[] = [];
    for (const item of manifest.items) {
      if (item.label === undefined || item.label === '') missing.push(item.id);
      else {
        const key = kind === 'mask' ? 'mask' : String(item.label);
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }
    labels = { kind, counts, missing };
  }
  return { volumes, unreadable, labels, manifest };
}

/** The header rows of a DICOM file (for the before/after view), or null for other files. */
export function dicomHeader(bytes: Uint8Array): { path: string; tag: string; vr: string; value: string }[] | null {
  if (looksLikeNifti(bytes) && !looksLikeDicom(bytes)) return null;
  try {
    return headerRows(parseDicom(bytes).dataset);
  } catch {
    return null;
  }
}
