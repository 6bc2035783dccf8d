/**
 * Whether an import fits in the browser's storage: pure arithmetic on what `navigator.storage.estimate()`
 * reports, and sizes in the user's language.
 */

/** IndexedDB's own bookkeeping per stored file, and a margin for the dataset's records. */
const PER_FILE_OVERHEAD = 4096;
const MARGIN = 1.05;

/**
 * The bytes an import will take in IndexedDB: files are stored as they are (a .nii.gz stays compressed;
 * a DICOM file after de-identification is about its old size), plus bookkeeping.
 */
export function storageNeeded(bytes: number, files: number): number {
  return Math.ceil(bytes * MARGIN + files * PER_FILE_OVERHEAD);
}

export interface StorageEstimateLike {
  usage?: number;
  quota?: number;
}

export type QuotaCheck = { fits: true } | { fits: false; need: number; available: number; quota: number };

/** Compares what an import needs with what the browser will still let this site store. An unknown quota is taken to fit. */
export function checkQuota(need: number, estimate: StorageEstimateLike | undefined): QuotaCheck {
  if (!estimate || estimate.quota === undefined) return { fits: true };
  const available = Math.max(0, estimate.quota - (estimate.usage ?? 0));
  return need <= available ? { fits: true } : { fits: false, need, available, quota: estimate.quota };
}

/** A size in MB below 1 GB and in GB above (decimal units, as disks and browsers report them), with the locale's digits and unit. */
export function formatBytes(bytes: number, locale: string): string {
  const gb = bytes >= 1e9;
  const value = gb ? bytes / 1e9 : bytes / 1e6;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: gb ? 'gigabyte' : 'megabyte', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}
