import { check, MAX_VOXELS, MedicalFileError } from '../medical-error';
import type { Volume } from '../volume';
import { parseDicom, type DicomFile } from './parse';
import { decodePixels } from './pixels';
import { dot, geometryOf, headerSummary, meanStep, rasAffine, rescaleOf, unitsOf } from './read-dicom';
import { suvFactor } from './suv';
import { nums, str, T } from './values';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** Groups parsed files by Series Instance UID (files without one form their own group). */
export function groupSeries(files: { name: string; file: DicomFile }[]): Map<string, { name: string; file: DicomFile }[]> {
  const groups = new Map<string, { name: string; file: DicomFile }[]>();
  for (const f of files) {
    const uid = str(f.file.dataset, T.SeriesInstanceUID) || `file:${f.name}`;
    const list = groups.get(uid) ?? [];
    list.push(f);
    groups.set(uid, list);
  }
  return groups;
}

/**
 * Stacks the single-frame files of one series into a volume. Slices are sorted by their position along the
 * slice normal (ImageOrientationPatient row × column), never by file name or instance number; the slice
 * spacing is the mean distance between consecutive positions. Rescale slope and intercept apply per slice.
 */
export function readDicomSeries(files: NamedBytes[], options: { suv?: boolean } = {}): Volume & { order: string[] } {
  check(files.length > 0, 'inconsistent-series', 'No files were given.');
  const parsed = files.map((f) => ({ name: f.name, file: parseDicom(f.bytes) }));
  const uids = new Set(parsed.map((p) => str(p.file.dataset, T.SeriesInstanceUID) ?? ''));
  check(uids.size === 1, 'inconsistent-series', `The files belong to ${uids.size} different series.`);
  const first = parsed[0]!.file.dataset;
  const g0 = geometryOf(first, 1);
  const slices = parsed.map((p) => {
    const ds = p.file.dataset;
    const iop = nums(ds, T.ImageOrientationPatient);
    const ipp = nums(ds, T.ImagePositionPatient);
    if (!iop || iop.length < 6 || !ipp || ipp.length < 3 || ![...iop.slice(0, 6), ...ipp.slice(0, 3)].every(Number.isFinite)) {
      throw new MedicalFileError('missing-geometry', `"${p.name}" has no Image Position/Orientation (Patient).`);
    }
    check(iop.every((v, i) => Math.abs(v - [...g0.row, ...g0.col][i]!) < 1e-4), 'inconsistent-series', `"${p.name}" is oriented differently from "${parsed[0]!.name}".`);
    return { ...p, position: ipp.slice(0, 3), along: dot(ipp, g0.normal) };
  });
  slices.sort((a, b) => a.along - b.along);
  for (let i = 1; i < slices.length; i++) {
    check(Math.abs(slices[i]!.along - slices[i - 1]!.along) > 1e-4, 'inconsistent-series', `"${slices[i - 1]!.name}" and "${slices[i]!.name}" are at the same position.`);
  }
  const rows = nums(first, T.Rows)?.[0] ?? 0;
  const cols = nums(first, T.Columns)?.[0] ?? 0;
  check(rows * cols * slices.length <= MAX_VOXELS, 'too-large', `${cols}×${rows}×${slices.length} voxels.`);
  const n = rows * cols;
  const data = new Float32Array(n * slices.length);
  let dtype: Volume['dtype'] = 'int16';
  const suv = options.suv !== false ? suvFactor(first) : undefined;
  slices.forEach((s, k) => {
    const px = decodePixels(s.file);
    check(px.rows === rows && px.columns === cols && px.frames === 1, 'inconsistent-series', `"${s.name}" is ${px.columns}×${px.rows}×${px.frames}; the series is ${cols}×${rows}.`);
    dtype = px.dtype;
    const { slope, inter } = rescaleOf(s.file.dataset);
    const factor = suv ? (suvFactor(s.file.dataset)?.factor ?? suv.factor) : 1;
    for (let i = 0; i < n; i++) data[k * n + i] = (px.values[i]! * slope + inter) * factor;
  });
  const positions = slices.map((s) => s.position);
  const step = slices.length > 1 ? meanStep(positions) : g0.sliceSpacing;
  const { slope, inter } = rescaleOf(first);
  return {
    data,
    shape: [cols, rows, slices.length],
    spacing: [g0.pixelSpacing[0], g0.pixelSpacing[1], step],
    affine: rasAffine(g0, positions[0]!, g0.normal.map((v) => v * step)),
    dtype,
    order: slices.map((s) => s.name),
    meta: {
      format: 'dicom',
      units: unitsOf(first, suv !== undefined),
      direction: [g0.row, g0.col, g0.normal],
      header: { ...headerSummary(parsed[0]!.file, slope, inter, suv?.reason), slices: slices.length },
    },
  };
}
