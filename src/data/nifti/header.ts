import { check, MedicalFileError } from '../medical-error';

/** The NIfTI-1 and NIfTI-2 header fields Jimu uses, read with the file's byte order. */
export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  /** dim[0..7] */
  dim: number[];
  datatype: number;
  bitpix: number;
  /** pixdim[0..7]; pixdim[0] is qfac. */
  pixdim: number[];
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  quatern: [number, number, number];
  qoffset: [number, number, number];
  srow: [number[], number[], number[]];
  xyztUnits: number;
  intentCode: number;
  descrip: string;
  /** "n+1"/"n+2" for a single .nii file, "ni1"/"ni2" for a .hdr/.img pair. */
  magic: string;
}

export const NIFTI1_SIZE = 348;
export const NIFTI2_SIZE = 540;

/** Which NIfTI version (and byte order) the first bytes announce, or undefined when they are not NIfTI. */
export function sniffNifti(b: Uint8Array): { version: 1 | 2; littleEndian: boolean } | undefined {
  if (b.length < 4) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (const le of [true, false]) {
    const size = v.getInt32(0, le);
    if (size === NIFTI1_SIZE) return { version: 1, littleEndian: le };
    if (size === NIFTI2_SIZE) return { version: 2, littleEndian: le };
  }
  return undefined;
}

const text = (b: Uint8Array, at: number, n: number) => {
  let s = '';
  for (let i = at; i < at + n && i < b.length && b[i] !== 0; i++) s += String.fromCharCode(b[i]!);
  return s;
};

/**
 * Reads a NIfTI header with a DataView at the offsets the standard gives. nifti-reader-js reads the same
 * fields, but it also walks header extensions with sizes taken from the file in an unbounded loop and
 * throws untyped errors; reading fixed offsets ourselves keeps every damaged file a typed error.
 */
export function readNiftiHeader(b: Uint8Array): NiftiHeader {
  const kind = sniffNifti(b);
  if (!kind) throw new MedicalFileError('unknown-format', 'The first four bytes are not a NIfTI header size (348 or 540).');
  const { version, littleEndian: le } = kind;
  const size = version === 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
  check(b.length >= size, 'truncated', `The header needs ${size} bytes; the file has ${b.length}.`);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (version === 1) {
    const f32 = (at: number) => v.getFloat32(at, le);
    const i16 = (at: number) => v.getInt16(at, le);
    return {
      version, littleEndian: le,
      dim: Array.from({ length: 8 }, (_, i) => i16(40 + 2 * i)),
      datatype: i16(70), bitpix: i16(72),
      pixdim: Array.from({ length: 8 }, (_, i) => f32(76 + 4 * i)),
      voxOffset: f32(108), sclSlope: f32(112), sclInter: f32(116),
      xyztUnits: b[123]!, intentCode: i16(68),
      descrip: text(b, 148, 80),
      qformCode: i16(252), sformCode: i16(254),
      quatern: [f32(256), f32(260), f32(264)], qoffset: [f32(268), f32(272), f32(276)],
      srow: [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => f32(280 + 16 * r + 4 * c))) as NiftiHeader['srow'],
      magic: text(b, 344, 4),
    };
  }
  const f64 = (at: number) => v.getFloat64(at, le);
  const i64 = (at: number) => Number(v.getBigInt64(at, le));
  const i32 = (at: number) => v.getInt32(at, le);
  return {
    version, littleEndian: le,
    magic: text(b, 4, 4),
    datatype: v.getInt16(12, le), bitpix: v.getInt16(14, le),
    dim: Array.from({ length: 8 }, (_, i) => i64(16 + 8 * i)),
    pixdim: Array.from({ length: 8 }, (_, i) => f64(104 + 8 * i)),
    voxOffset: i64(168), sclSlope: f64(176), sclInter: f64(184),
    descrip: text(b, 240, 80),
    qformCode: i32(344), sformCode: i32(348),
    quatern: [f64(352), f64(360), f64(368)], qoffset: [f64(376), f64(384), f64(392)],
    srow: [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => f64(400 + 32 * r + 8 * c))) as NiftiHeader['srow'],
    xyztUnits: i32(500), intentCode: i32(504),
  };
}
