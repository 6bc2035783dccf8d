import { z } from 'zod';

/**
 * Why a file path inside a dataset is refused, or null when it is fine: relative, forward slashes, no
 * `.` or `..` or empty segments, no control characters, backslashes or drive letters, at most 1024 bytes.
 * The server never turns these into file-system paths (blobs are named by hash), but a download or an
 * export must never be able to write outside its folder.
 */
export function pathProblem(p: string): string | null {
  if (p.length === 0) return 'is empty';
  if (Buffer.byteLength(p) > 1024) return 'is longer than 1024 bytes';
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(p)) return 'holds a control character';
  if (p.includes('\\')) return 'holds a backslash; use / between folders';
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'is absolute; give it relative to the dataset folder';
  const parts = p.split('/');
  if (parts.some((s) => s === '..')) return 'holds ".."; a dataset path may not leave its folder';
  if (parts.some((s) => s === '' || s === '.')) return 'holds an empty or "." segment';
  return null;
}

export const DatasetPath = z.string().superRefine((p, ctx) => {
  const problem = pathProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: `"${p.slice(0, 200)}" ${problem}` });
});

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
export const DatasetName = z.string().trim().min(1).max(120).regex(/^[^/\\\u0000-\u001f\u007f]+$/, 'may not hold slashes or control characters');

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'is not a sha-256 (64 lower-case hex digits)');

/** What a file is, for the statistics: by its DICOM magic or its name. */
export function kindOf(path: string, head: Uint8Array): string {
  const lower = path.toLowerCase();
  if (isDicom(path, head)) return 'dicom';
  if (lower.endsWith('.nii') || lower.endsWith('.nii.gz')) return 'nifti';
  if (/\.(png|jpe?g|bmp|gif|tiff?)$/.test(lower)) return 'image';
  if (/\.(csv|tsv|json)$/.test(lower)) return 'table';
  return 'other';
}

/** DICOM by its name (.dcm) or its magic ("DICM" after the 128-byte preamble). */
export const isDicom = (path: string, head: Uint8Array) =>
  path.toLowerCase().endsWith('.dcm') || (head.length >= 132 && head[128] === 0x44 && head[129] === 0x49 && head[130] === 0x43 && head[131] === 0x4d);
