import { check, MedicalFileError } from '../medical-error';
import type { DicomDataset } from './parse';
import { nums, T } from './values';

/**
 * YBR_FULL → RGB in place on pixel-interleaved samples, as pydicom's convert_color_space does (PS3.3
 * C.7.6.3.1.2, ITU-R BT.601 full range): round half up, clip to the sample range.
 */
export function ybrToRgb(s: Float32Array, bits: number): void {
  const half = 2 ** (bits - 1);
  const max = 2 ** bits - 1;
  const gCb = (-0.114 * 1.772) / 0.587;
  const gCr = (-0.299 * 1.402) / 0.587;
  const clip = (v: number) => Math.min(max, Math.max(0, Math.floor(v + 0.5)));
  for (let i = 0; i + 2 < s.length; i += 3) {
    const y = s[i]!;
    const cb = s[i + 1]! - half;
    const cr = s[i + 2]! - half;
    s[i] = clip(y + 1.402 * cr);
    s[i + 1] = clip(y + gCb * cb + gCr * cr);
    s[i + 2] = clip(y + 1.772 * cb);
  }
}

/**
 * Uncompressed YBR_FULL_422 (PS3.3 C.7.6.3.1.2): each pair of pixels in a row is stored as Y1 Y2 Cb Cr.
 * Expands to pixel-interleaved Y Cb Cr with the pair's chroma on both pixels, as pydicom does.
 */
export function expandYbr422(src: Uint8Array, rows: number, columns: number, frames: number, out: Float32Array): void {
  check(columns % 2 === 0, 'bad-header', `YBR_FULL_422 needs an even number of columns; this image has ${columns}.`);
  const n = rows * columns;
  check(src.length >= n * 2 * frames, 'truncated', `The pixel data has ${src.length} bytes; ${columns}×${rows}×${frames} YBR_FULL_422 pixels need ${n * 2 * frames}.`);
  for (let p = 0, i = 0; p < n * frames; p += 2, i += 4) {
    const cb = src[i + 2]!;
    const cr = src[i + 3]!;
    out[3 * p] = src[i]!;
    out[3 * p + 1] = cb;
    out[3 * p + 2] = cr;
    out[3 * p + 3] = src[i + 1]!;
    out[3 * p + 4] = cb;
    out[3 * p + 5] = cr;
  }
}

/** Planar (RRR…GGG…BBB…) → pixel-interleaved, frame by frame, in place. */
export function interleave(s: Float32Array, n: number, frames: number, samples: number): void {
  const tmp = new Float32Array(n * samples);
  for (let f = 0; f < frames; f++) {
    const at = f * n * samples;
    for (let c = 0; c < samples; c++) for (let i = 0; i < n; i++) tmp[i * samples + c] = s[at + c * n + i]!;
    s.set(tmp, at);
  }
}

export interface Palette {
  /** One table per colour, as numbers. */
  tables: [Float32Array, Float32Array, Float32Array];
  firstMapped: number;
  /** Bits per entry (8 or 16). */
  bits: number;
}

/** The red, green and blue palette colour lookup tables (PS3.3 C.7.6.3.1.5); segmented tables are refused. */
export function paletteOf(ds: DicomDataset): Palette {
  if (ds.elements.has(T.SegmentedRedPaletteColorLookupTableData)) {
    throw new MedicalFileError('unsupported-datatype', 'The PALETTE COLOR image uses segmented lookup tables.', 'Convert it to RGB first, e.g. `gdcmconv --raw` or `dcmconv`, or export it as PNG.');
  }
  const colours = [
    [T.RedPaletteColorLookupTableDescriptor, T.RedPaletteColorLookupTableData],
    [T.GreenPaletteColorLookupTableDescriptor, T.GreenPaletteColorLookupTableData],
    [T.BluePaletteColorLookupTableDescriptor, T.BluePaletteColorLookupTableData],
  ] as const;
  let firstMapped = 0;
  let bits = 16;
  const tables = colours.map(([d, t]) => {
    const desc = nums(ds, d);
    const el = ds.elements.get(t);
    check(desc !== undefined && desc.length >= 3 && el !== undefined, 'bad-header', 'The PALETTE COLOR image lacks its lookup tables.');
    const entries = desc[0] === 0 ? 65536 : desc[0]!;
    firstMapped = desc[1]!;
    bits = desc[2]!;
    const v = el.value;
    // Entries are 16-bit words; 8-bit tables may also come one byte per entry (as pydicom reads them).
    const bytesPer = v.length >= entries * 2 ? 2 : v.length >= entries ? 1 : 0;
    check(bytesPer > 0, 'truncated', `A palette table has ${v.length} bytes for ${entries} entries.`);
    const view = new DataView(v.buffer, v.byteOffset, v.byteLength);
    const table = new Float32Array(entries);
    for (let i = 0; i < entries; i++) table[i] = bytesPer === 2 ? view.getUint16(2 * i, ds.littleEndian) : v[i]!;
    return table;
  });
  return { tables: tables as Palette['tables'], firstMapped, bits };
}

/** Indices → R, G, B planes (`out` holds three planes of `idx.length`); indices outside the table take its first or last entry. */
export function applyPalette(idx: Float32Array, p: Palette, out: Float32Array): void {
  const n = idx.length;
  p.tables.forEach((table, c) => {
    const last = table.length - 1;
    for (let i = 0; i < n; i++) out[c * n + i] = table[Math.min(last, Math.max(0, idx[i]! - p.firstMapped))]!;
  });
}

/** BT.601 luma of R, G, B planes: a grey volume for callers that take one channel. */
export function luminance(rgb: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 0.299 * rgb[i]! + 0.587 * rgb[n + i]! + 0.114 * rgb[2 * n + i]!;
  return out;
}
