import { check, MAX_VOXELS, MedicalFileError } from '../medical-error';
import type { Volume } from '../volume';
import { loadCodecs } from './codecs';
import { luminance } from './colour';
import { parseDicom, type DicomFile } from './parse';
import { decodePixels } from './pixels';
import { dot, geometryOf, headerSummary, meanStep, rasAffine, rescaleOf, unitsOf, type ReadDicomOptions } from './read-dicom';
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
export async function readDicomSeries(files: NamedBytes[], options: ReadDicomOptions = {}): Promise<Volume & { order: string[] }> {
  check(files.length > 0, 'inconsistent-series', 'No files were given.');
  const parsed = files.map((f) => ({ name: f.name, file: parseDicom(f.bytes) }));
  await loadCodecs(parsed.map((p) => p.file.transferSyntax));
  return seriesFromFiles(parsed, options);
}

/** Stacks parsed files (synchronous: their decoders must be loaded, see `loadCodecs`). */
export function seriesFromFiles(parsed: { name: string; file: DicomFile }[], options: ReadDicomOptions = {}): Volume & { order: string[] } {
  check(parsed.length > 0, 'inconsistent-series', 'No files were given.');
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
  const total = n * slices.length;
  let data: Float32Array = new Float32Array(0);
  let channels = 0;
  let photometric = '';
  let dtype: Volume['dtype'] = 'int16';
  const suv = options.suv !== false ? suvFactor(first) : undefined;
  slices.forEach((s, k) => {
    const px = decodePixels(s.file);
    check(px.rows === rows && px.columns === cols && px.frames === 1, 'inconsistent-series', `"${s.name}" is ${px.columns}×${px.rows}×${px.frames}; the series is ${cols}×${rows}.`);
    if (k === 0) {
      channels = px.channels;
      photometric = px.photometric;
      check(total * channels <= MAX_VOXELS, 'too-large', `${cols}×${rows}×${slices.length}×${channels} samples.`);
      data = new Float32Array(total * channels);
    }
    check(px.channels === channels, 'inconsistent-series', `"${s.name}" is ${px.channels === 1 ? 'grey' : 'colour'}; "${slices[0]!.name}" is not.`);
    dtype = px.dtype;
    // Rescale and SUV apply to grey values only; colour planes are copied as they are.
    const { slope, inter } = channels === 1 ? rescaleOf(s.file.dataset) : { slope: 1, inter: 0 };
    const factor = suv && channels === 1 ? (suvFactor(s.file.dataset)?.factor ?? suv.factor) : 1;
    for (let c = 0; c < channels; c++) for (let i = 0; i < n; i++) data[c * total + k * n + i] = (px.values[c * n + i]! * slope + inter) * factor;
  });
  const rgb = channels === 3 && options.colour !== 'luminance';
  if (channels === 3 && !rgb) data = luminance(data, total);
  const positions = slices.map((s) => s.position);
  const step = slices.length > 1 ? meanStep(positions) : g0.sliceSpacing;
  const { slope, inter } = channels === 1 ? rescaleOf(first) : { slope: 1, inter: 0 };
  const useSuv = suv !== undefined && channels === 1;
  const header: Record<string, string | number> = { ...headerSummary(parsed[0]!.file, slope, inter, useSuv ? suv.reason : undefined), slices: slices.length };
  if (channels === 3) header.photometricInterpretation = photometric;
  const warnings = slices.flatMap((s) => (s.file.warnings ?? []).map((w) => `${s.name}: ${w}`));
  return {
    data,
    shape: rgb ? [cols, rows, slices.length, 3] : [cols, rows, slices.length],
    spacing: [g0.pixelSpacing[0], g0.pixelSpacing[1], step, ...(rgb ? [1] : [])],
    affine: rasAffine(g0, positions[0]!, g0.normal.map((v) => v * step)),
    dtype,
    order: slices.map((s) => s.name),
    meta: {
      format: 'dicom',
      units: unitsOf(first, useSuv),
      direction: [g0.row, g0.col, g0.normal],
      ...(g0.assumed ? { orientationAssumed: true as const } : {}),
      ...(warnings.length ? { warnings } : {}),
      header,
      ...(rgb ? { channels: ['R', 'G', 'B'] } : {}),
    },
  };
}
