import { decode as decodeJpeg } from 'jpeg-js';
import { check, MAX_VOXELS, MedicalFileError } from '../medical-error';
import { decodeSamples, type ScalarType } from '../samples';
import type { DicomFile } from './parse';
import { TS } from './parse';
import { num, str, T } from './values';

/** Names of the compressed transfer syntaxes, for the message when one cannot be decoded. */
export const TRANSFER_SYNTAX_NAMES: Record<string, string> = {
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless, Non-Hierarchical (Process 14)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless, Non-Hierarchical, First-Order Prediction',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless Image Compression',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Lossy (Near-Lossless) Image Compression',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000 Image Compression',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000 Image Compression',
  '1.2.840.10008.1.2.4.100': 'MPEG2', '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264', '1.2.840.10008.1.2.4.110': 'JPEG XL Lossless',
  [TS.rle]: 'RLE Lossless',
};

export interface Pixels {
  /** rows × columns × frames stored values (before rescale), column fastest. */
  values: Float32Array;
  rows: number;
  columns: number;
  frames: number;
  dtype: ScalarType;
}

/** Decodes the stored pixel values of every frame: native, RLE Lossless, or 8-bit JPEG Baseline. */
export function decodePixels(file: DicomFile): Pixels {
  const ds = file.dataset;
  const pixelEl = ds.elements.get(T.PixelData) ?? ds.elements.get(T.FloatPixelData) ?? ds.elements.get(T.DoubleFloatPixelData);
  if (!pixelEl) throw new MedicalFileError('no-pixel-data', `Modality ${str(ds, T.Modality) ?? 'unknown'}.`);
  const rows = num(ds, T.Rows) ?? 0;
  const columns = num(ds, T.Columns) ?? 0;
  const frames = Math.max(1, Math.floor(num(ds, T.NumberOfFrames) ?? 1));
  const samples = num(ds, T.SamplesPerPixel) ?? 1;
  const bits = num(ds, T.BitsAllocated) ?? (pixelEl.tag === T.FloatPixelData ? 32 : pixelEl.tag === T.DoubleFloatPixelData ? 64 : 16);
  const stored = num(ds, T.BitsStored) ?? bits;
  const signed = num(ds, T.PixelRepresentation) === 1;
  check(Number.isInteger(rows) && Number.isInteger(columns) && rows > 0 && columns > 0, 'bad-header', `Rows ${rows}, Columns ${columns}.`);
  const n = rows * columns;
  check(n * frames <= MAX_VOXELS, 'too-large', `${columns}×${rows}×${frames} pixels.`);
  if (samples !== 1) {
    throw new MedicalFileError('unsupported-datatype', `${samples} samples per pixel (${str(ds, T.PhotometricInterpretation) ?? 'colour'}); Jimu reads grey-level DICOM volumes.`, 'Colour DICOM images (photos, screenshots) are read as 2D images: export them as PNG.');
  }
  const dtype: ScalarType | undefined =
    pixelEl.tag === T.FloatPixelData ? 'float32' : pixelEl.tag === T.DoubleFloatPixelData ? 'float64'
      : bits === 1 || bits === 8 ? (signed ? 'int8' : 'uint8') : bits === 16 ? (signed ? 'int16' : 'uint16') : bits === 32 ? (signed ? 'int32' : 'uint32') : undefined;
  if (!dtype) throw new MedicalFileError('unsupported-datatype', `Bits Allocated is ${bits}.`);
  const values = new Float32Array(n * frames);

  if (pixelEl.fragments) {
    const ts = file.transferSyntax;
    const jpeg = ts === '1.2.840.10008.1.2.4.50' && bits === 8;
    if (ts !== TS.rle && !jpeg) throw unsupportedSyntax(ts);
    // RLE expands at most 64:1 (two bytes for a run of 128); refuse sizes the bytes cannot hold. jpeg-js
    // bounds its own memory (maxMemoryUsageInMB below).
    const compressed = pixelEl.fragments.reduce((a, f) => a + f.length, 0);
    if (ts === TS.rle) check(n * frames * Math.max(1, bits / 8) <= compressed * 128, 'truncated', `${compressed} bytes of RLE data cannot hold ${columns}×${rows}×${frames} pixels.`);
    const frameData = framesOf(pixelEl.fragments, frames);
    for (let f = 0; f < frames; f++) {
      const data = frameData[f];
      check(data !== undefined, 'truncated', `Frame ${f + 1} of ${frames} is missing.`);
      if (ts === TS.rle) decodeRle(data, rows, columns, bits, signed, values, f * n);
      else if (ts === '1.2.840.10008.1.2.4.50' && bits === 8) decodeJpegBaseline(data, rows, columns, values, f * n);
      else throw unsupportedSyntax(ts);
    }
  } else if (bits === 1) {
    const v = pixelEl.value;
    check(v.length * 8 >= n * frames, 'truncated', `The pixel data has ${v.length} bytes; ${columns}×${rows}×${frames} 1-bit pixels need ${Math.ceil((n * frames) / 8)}.`);
    for (let i = 0; i < n * frames; i++) values[i] = (v[i >> 3]! >> (i & 7)) & 1;
  } else {
    const size = bits / 8;
    const v = pixelEl.value;
    check(v.length >= n * frames * size, 'truncated', `The pixel data has ${v.length} bytes; ${columns}×${rows}×${frames} pixels of ${bits} bits need ${n * frames * size}.`);
    decodeSamples(v, dtype, n * frames, file.littleEndian, values);
  }
  // Signed data with fewer bits stored than allocated: sign-extend from Bits Stored, as pydicom does.
  if (signed && stored < bits && bits <= 32 && !pixelEl.fragments && dtype.startsWith('int')) {
    const shift = 32 - stored;
    for (let i = 0; i < values.length; i++) values[i] = ((values[i]! << shift) >> shift);
  }
  return { values, rows, columns, frames, dtype };
}

export function unsupportedSyntax(ts: string): MedicalFileError {
  const name = TRANSFER_SYNTAX_NAMES[ts] ?? 'an unknown transfer syntax';
  return new MedicalFileError('unsupported-transfer-syntax', `It is ${name} (${ts}).`);
}

/** One buffer per frame from the fragments (the first item is the basic offset table). */
function framesOf(items: Uint8Array[], frames: number): Uint8Array[] {
  const fragments = items.slice(1);
  if (fragments.length === frames) return fragments;
  if (frames === 1) return [concat(fragments)];
  const bot = items[0]!;
  if (bot.length >= frames * 4) {
    // Offsets in the basic offset table count bytes from the first fragment's item tag.
    const view = new DataView(bot.buffer, bot.byteOffset, bot.byteLength);
    const starts: number[] = [];
    let at = 0;
    const positions = fragments.map((f) => {
      const p = at;
      at += f.length + 8;
      return p;
    });
    for (let f = 0; f < frames; f++) starts.push(view.getUint32(f * 4, true));
    return starts.map((s, f) => {
      const end = f + 1 < frames ? starts[f + 1]! : Infinity;
      return concat(fragments.filter((_, i) => positions[i]! >= s && positions[i]! < end));
    });
  }
  throw new MedicalFileError('bad-dicom', `${fragments.length} fragments for ${frames} frames and no offset table.`);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** RLE Lossless (PS3.5 Annex G): one PackBits segment per byte of a sample, most significant first. */
function decodeRle(data: Uint8Array, rows: number, columns: number, bits: number, signed: boolean, out: Float32Array, at: number): void {
  check(data.length >= 64, 'truncated', 'An RLE frame is shorter than its header.');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getUint32(0, true);
  const bytes = bits / 8;
  check(Number.isInteger(bytes) && count === bytes, 'bad-dicom', `An RLE frame has ${count} segments for ${bits}-bit samples.`);
  const n = rows * columns;
  const planes: Uint8Array[] = [];
  for (let s = 0; s < count; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < count ? view.getUint32(8 + 4 * s, true) : data.length;
    check(start >= 64 && start <= end && end <= data.length, 'bad-dicom', 'An RLE segment offset points outside the frame.');
    planes.push(unpackBits(data.subarray(start, end), n));
  }
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let s = 0; s < count; s++) v = v * 256 + planes[s]![i]!;
    if (signed) {
      const half = 2 ** (bits - 1);
      if (v >= half) v -= 2 * half;
    }
    out[at + i] = v;
  }
}

/** PackBits, bounded by the output size so a damaged stream cannot grow it. */
function unpackBits(src: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  let i = 0;
  while (i < src.length && o < size) {
    const h = src[i++]!;
    if (h < 128) {
      const len = Math.min(h + 1, size - o, src.length - i);
      out.set(src.subarray(i, i + len), o);
      o += len;
      i += h + 1;
    } else if (h > 128) {
      const len = Math.min(257 - h, size - o);
      out.fill(src[i++] ?? 0, o, o + len);
      o += len;
    }
  }
  return out;
}

function decodeJpegBaseline(data: Uint8Array, rows: number, columns: number, out: Float32Array, at: number): void {
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = decodeJpeg(data, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 512 });
  } catch (e) {
    throw new MedicalFileError('bad-dicom', `The JPEG frame cannot be decoded: ${(e as Error).message}`);
  }
  check(img.width === columns && img.height === rows, 'bad-dicom', `The JPEG frame is ${img.width}×${img.height}; the header says ${columns}×${rows}.`);
  for (let i = 0; i < rows * columns; i++) out[at + i] = img.data[4 * i]!;
}
