import { check, MedicalFileError } from '../medical-error';
import type { Mat4, Volume } from '../volume';
import { loadCodecs } from './codecs';
import { luminance } from './colour';
import { parseDicom, type DicomDataset, type DicomFile } from './parse';
import { decodePixels } from './pixels';
import { suvFactor } from './suv';
import { fromFunctionalGroups, items, num, nums, str, T } from './values';

export interface Geometry {
  /** Direction of increasing column index (i) and of increasing row index (j), LPS. */
  row: number[];
  col: number[];
  normal: number[];
  /** Position of the first pixel of each frame (LPS, mm). */
  positions: number[][];
  /** [column spacing, row spacing] — PixelSpacing reversed into i, j order. */
  pixelSpacing: [number, number];
  /** Spacing between slices for a single frame, from the header (mm). */
  sliceSpacing: number;
  /** True when the file gives no orientation or no position (secondary capture): both were assumed. */
  assumed?: boolean;
}

const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
export const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
const finite = (v: number[] | undefined, n: number) => v !== undefined && v.length >= n && v.slice(0, n).every(Number.isFinite);

/**
 * The image plane of every frame, from the top level (classic images), the functional groups (enhanced
 * multi-frame, SEG) or GridFrameOffsetVector (RTDOSE). Files without geometry (secondary capture) get an
 * identity orientation at the origin with 1 mm pixels, as pydicom-based tools assume.
 */
export function geometryOf(ds: DicomDataset, frames: number): Geometry {
  let iop = fromFunctionalGroups(ds, T.PlaneOrientationSequence, T.ImageOrientationPatient);
  let assumed = false;
  if (!finite(iop, 6)) {
    iop = [1, 0, 0, 0, 1, 0];
    assumed = true;
  }
  const row = iop!.slice(0, 3);
  const col = iop!.slice(3, 6);
  const normal = cross(row, col);
  let ps = fromFunctionalGroups(ds, T.PixelMeasuresSequence, T.PixelSpacing);
  if (!finite(ps, 2) || ps![0]! <= 0 || ps![1]! <= 0) ps = [1, 1];
  const sliceSpacing = fromFunctionalGroups(ds, T.PixelMeasuresSequence, T.SpacingBetweenSlices)?.[0] || fromFunctionalGroups(ds, T.PixelMeasuresSequence, T.SliceThickness)?.[0] || 1;
  let first = nums(ds, T.ImagePositionPatient);
  const perFrame = items(ds, T.PerFrameFunctionalGroupsSequence);
  const positions: number[][] = [];
  if (!finite(first, 3)) first = fromFunctionalGroups(ds, T.PlanePositionSequence, T.ImagePositionPatient, 0);
  if (!finite(first, 3)) {
    first = [0, 0, 0];
    assumed = true;
  }
  const offsets = nums(ds, T.GridFrameOffsetVector);
  if (offsets && offsets.length >= frames && frames > 1) {
    // RTDOSE: offsets along the normal, relative to the first frame when the first is 0, else absolute z.
    const base = offsets[0] === 0 ? 0 : offsets[0]!;
    for (let f = 0; f < frames; f++) positions.push(first!.map((p, a) => p + normal[a]! * (offsets[f]! - base)));
  } else if (perFrame.length >= frames && frames > 1) {
    for (let f = 0; f < frames; f++) {
      const p = fromFunctionalGroups(ds, T.PlanePositionSequence, T.ImagePositionPatient, f);
      positions.push(finite(p, 3) ? p!.slice(0, 3) : first!.map((q, a) => q + normal[a]! * sliceSpacing * f));
    }
  } else {
    for (let f = 0; f < frames; f++) positions.push(first!.map((q, a) => q + normal[a]! * sliceSpacing * f));
  }
  return { row, col, normal, positions, pixelSpacing: [ps![1]!, ps![0]!], sliceSpacing, assumed };
}

/** Voxel (i, j, k) → RAS: the DICOM LPS geometry with x and y negated, as nibabel and dcm2niix report it. */
export function rasAffine(g: Geometry, origin: number[], sliceStep: number[]): Mat4 {
  const lps = [0, 1, 2].map((a) => [g.row[a]! * g.pixelSpacing[0], g.col[a]! * g.pixelSpacing[1], sliceStep[a]!, origin[a]!]);
  return [
    lps[0]!.map((v) => -v),
    lps[1]!.map((v) => -v),
    lps[2]!,
    [0, 0, 0, 1],
  ];
}

/** Mean distance between consecutive positions. */
export function meanStep(positions: number[][]): number {
  if (positions.length < 2) return 0;
  let sum = 0;
  for (let i = 1; i < positions.length; i++) sum += Math.hypot(...positions[i]!.map((p, a) => p - positions[i - 1]![a]!));
  return sum / (positions.length - 1);
}

/** Rescale slope and intercept (top level or Pixel Value Transformation macro), times DoseGridScaling for RTDOSE. */
export function rescaleOf(ds: DicomDataset): { slope: number; inter: number } {
  let slope = fromFunctionalGroups(ds, T.PixelValueTransformationSequence, T.RescaleSlope)?.[0];
  let inter = fromFunctionalGroups(ds, T.PixelValueTransformationSequence, T.RescaleIntercept)?.[0];
  if (slope === undefined || !Number.isFinite(slope) || slope === 0) slope = 1;
  if (inter === undefined || !Number.isFinite(inter)) inter = 0;
  const dose = num(ds, T.DoseGridScaling);
  if (dose !== undefined && Number.isFinite(dose) && dose !== 0) slope *= dose;
  return { slope, inter };
}

export function unitsOf(ds: DicomDataset, suv: boolean): string {
  const modality = str(ds, T.Modality) ?? '';
  if (modality === 'RTDOSE') return (str(ds, T.DoseUnits) ?? '').toUpperCase() === 'GY' ? 'Gy' : (str(ds, T.DoseUnits) ?? '');
  if (modality === 'CT') return 'HU';
  if (modality === 'PT') return suv ? 'SUVbw' : (str(ds, T.Units) ?? '');
  return '';
}

export interface ReadDicomOptions {
  /** Convert PET to SUV (body weight) when the header allows; default true. */
  suv?: boolean;
  /**
   * Colour images (RGB, YBR, PALETTE COLOR): 'rgb' (default) keeps R, G and B as a fourth axis of size 3
   * (shape [columns, rows, frames, 3], `meta.channels` ['R', 'G', 'B']); 'luminance' gives one grey volume,
   * Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), for callers that take 3D volumes only.
   */
  colour?: 'rgb' | 'luminance';
}

/**
 * Reads one DICOM file (single- or multi-frame, RTDOSE, SEG, PET, colour) into a Volume: i = column,
 * j = row, k = frame[, channel]. Async because a compressed file's decoder is loaded on first use.
 */
export async function readDicom(bytes: Uint8Array, options: ReadDicomOptions = {}): Promise<Volume> {
  const file = parseDicom(bytes);
  await loadCodecs([file.transferSyntax]);
  return volumeFromFile(file, options);
}

/** A parsed file as a volume. Synchronous: the decoder its transfer syntax needs must be loaded (`loadCodecs`). */
export function volumeFromFile(file: DicomFile, options: ReadDicomOptions = {}): Volume {
  const ds = file.dataset;
  const px = decodePixels(file);
  const g = geometryOf(ds, px.frames);
  const colour = px.channels > 1;
  // Rescale and SUV are defined for grey values only.
  const { slope, inter } = colour ? { slope: 1, inter: 0 } : rescaleOf(ds);
  const suv = options.suv !== false && !colour ? suvFactor(ds) : undefined;
  const factor = suv?.factor ?? 1;
  let data = px.values;
  if (slope !== 1 || inter !== 0 || factor !== 1) for (let i = 0; i < data.length; i++) data[i] = (data[i]! * slope + inter) * factor;
  const rgb = colour && options.colour !== 'luminance';
  if (colour && !rgb) data = luminance(data, px.rows * px.columns * px.frames);
  const step = px.frames > 1 ? meanStep(g.positions) : g.sliceSpacing;
  const dir = px.frames > 1 ? unit(g.positions[px.frames - 1]!.map((p, a) => p - g.positions[0]![a]!)) ?? g.normal : g.normal;
  check(Number.isFinite(step), 'missing-geometry', 'The frame positions are not numbers.');
  const header = headerSummary(file, slope, inter, suv?.reason);
  if (colour) header.photometricInterpretation = px.photometric;
  return {
    data,
    shape: rgb ? [px.columns, px.rows, px.frames, 3] : [px.columns, px.rows, px.frames],
    spacing: [g.pixelSpacing[0], g.pixelSpacing[1], step || g.sliceSpacing, ...(rgb ? [1] : [])],
    affine: rasAffine(g, g.positions[0]!, dir.map((d) => d * (step || g.sliceSpacing))),
    dtype: px.dtype,
    meta: {
      format: 'dicom',
      units: unitsOf(ds, suv !== undefined),
      direction: [g.row, g.col, dir],
      ...(g.assumed ? { orientationAssumed: true as const } : {}),
      ...(file.warnings ? { warnings: [...file.warnings] } : {}),
      header,
      ...(rgb ? { channels: ['R', 'G', 'B'] } : {}),
    },
  };
}

function unit(v: number[]): number[] | undefined {
  const n = Math.hypot(...v);
  return n > 0 ? v.map((x) => x / n) : undefined;
}

/** The header fields `jimu inspect` shows. Identifying fields are left out on purpose. */
export function headerSummary(file: DicomFile, slope: number, inter: number, suvNote?: string): Record<string, string | number> {
  const ds = file.dataset;
  const out: Record<string, string | number> = {
    transferSyntax: file.transferSyntax,
    modality: str(ds, T.Modality) ?? '',
    sopClassUID: str(ds, T.SOPClassUID) ?? '',
    rescaleSlope: slope,
    rescaleIntercept: inter,
    bitsAllocated: num(ds, T.BitsAllocated) ?? 0,
    pixelRepresentation: num(ds, T.PixelRepresentation) ?? 0,
  };
  if (suvNote) out.suv = suvNote;
  return out;
}

export function requireGeometry(ds: DicomDataset, what: string): void {
  const ipp = nums(ds, T.ImagePositionPatient);
  const iop = nums(ds, T.ImageOrientationPatient);
  if (!finite(ipp, 3) || !finite(iop, 6)) throw new MedicalFileError('missing-geometry', what);
}
