import { decode as decodeJpeg } from 'jpeg-js';
import { check, MAX_VOXELS, MedicalFileError } from '../medical-error';
import { decodeSamples, type ScalarType } from '../samples';
import { codecFor, decodeFrame, jpegFrame, type DecodedFrame } from './codecs';
import { applyPalette, expandYbr422, interleave, paletteOf, ybrToRgb } from './colour';
import { decodeDctJpeg } from './jpeg12';
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
  /**
   * Stored values (before rescale), column fastest, then row, then frame; for colour, the R, G and B planes
   * of all frames follow one another (`values[i + columns * (j + rows * (frame + frames * channel))]`).
   */
  values: Float32Array;
  rows: number;
  columns: number;
  frames: number;
  /** 1 for grey; 3 for colour (RGB, YBR converted to RGB, or a palette applied). */
  channels: 1 | 3;
  /** The Photometric Interpretation in the file. */
  photometric: string;
  dtype: ScalarType;
}

const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const JPEG_EXTENDED = '1.2.840.10008.1.2.4.51';

/** The compressed transfer syntaxes Jimu decodes, for messages. */
export const DECODED_COMPRESSION = 'RLE Lossless, JPEG Baseline, JPEG Extended (8- and 12-bit), JPEG Lossless, JPEG-LS and JPEG 2000';

/**
 * Decodes the stored pixel values of every frame: native, RLE Lossless, JPEG Baseline and Extended, 8- and
 * 12-bit (Jimu's own DCT decoder, jpeg12.ts; jpeg-js for other JPEG frame types), JPEG Lossless
 * (jpeg-lossless-decoder-js), JPEG-LS (CharLS) and JPEG 2000 (OpenJPEG); grey or colour (RGB, YBR_FULL,
 * YBR_FULL_422, PALETTE COLOR). The library decoders must be loaded first (`await loadCodecs([file.transferSyntax])`;
 * the async readers do it).
 */
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
  const photometric = (str(ds, T.PhotometricInterpretation) ?? (samples === 3 ? 'RGB' : 'MONOCHROME2')).toUpperCase();
  if (samples !== 1 && samples !== 3) {
    throw new MedicalFileError('unsupported-datatype', `${samples} samples per pixel (${photometric}).`, 'Jimu reads grey-level and RGB/YBR DICOM images; convert others to RGB first.');
  }
  const palette = samples === 1 && photometric === 'PALETTE COLOR';
  const channels = samples === 3 || palette ? 3 : 1;
  const n = rows * columns;
  check(n * frames * channels <= MAX_VOXELS, 'too-large', `${columns}×${rows}×${frames}${channels > 1 ? '×3' : ''} pixels.`);
  const dtype: ScalarType | undefined =
    pixelEl.tag === T.FloatPixelData ? 'float32' : pixelEl.tag === T.DoubleFloatPixelData ? 'float64'
      : bits === 1 || bits === 8 ? (signed ? 'int8' : 'uint8') : bits === 16 ? (signed ? 'int16' : 'uint16') : bits === 32 ? (signed ? 'int32' : 'uint32') : undefined;
  if (!dtype) throw new MedicalFileError('unsupported-datatype', `Bits Allocated is ${bits}.`);
  check(samples === 1 || (bits === 8 || bits === 16), 'unsupported-datatype', `Colour samples of ${bits} bits.`);
  // Stored samples, pixel-interleaved (R G B R G B …) for colour.
  const raw = new Float32Array(n * frames * samples);
  // The colour model the samples are in once decoded: JPEG and JPEG 2000 decoders undo their colour transforms.
  let delivered = photometric;

  if (pixelEl.fragments) {
    const ts = file.transferSyntax;
    const name = codecFor(ts);
    const jpeg = ts === JPEG_BASELINE || ts === JPEG_EXTENDED;
    if (ts !== TS.rle && !jpeg && !name) throw unsupportedSyntax(ts);
    // RLE expands at most 64:1 (two bytes for a run of 128); refuse sizes the bytes cannot hold. The DCT JPEG
    // decoder checks its frame header against the DICOM header and the stream length before allocating; jpeg-js
    // bounds its own memory (maxMemoryUsageInMB below); the other decoders check the frame header first.
    const compressed = pixelEl.fragments.reduce((a, f) => a + f.length, 0);
    if (ts === TS.rle) check(n * frames * samples * Math.max(1, bits / 8) <= compressed * 128, 'truncated', `${compressed} bytes of RLE data cannot hold ${columns}×${rows}×${frames} pixels.`);
    const frameData = framesOf(pixelEl.fragments, frames);
    for (let f = 0; f < frames; f++) {
      const data = frameData[f];
      check(data !== undefined, 'truncated', `Frame ${f + 1} of ${frames} is missing.`);
      const at = f * n * samples;
      if (ts === TS.rle) decodeRle(data, rows, columns, bits, samples, signed, raw, at);
      else if (jpeg) delivered = decodeJpegLossy(data, ts, rows, columns, samples, bits, photometric, raw, at);
      else fromDecoder(decodeFrame(name!, data, { width: columns, height: rows, components: samples }), rows, columns, samples, signed ? stored : 0, raw, at);
    }
  } else if (bits === 1) {
    check(samples === 1, 'unsupported-datatype', '1-bit colour samples.');
    const v = pixelEl.value;
    check(v.length * 8 >= n * frames, 'truncated', `The pixel data has ${v.length} bytes; ${columns}×${rows}×${frames} 1-bit pixels need ${Math.ceil((n * frames) / 8)}.`);
    for (let i = 0; i < n * frames; i++) raw[i] = (v[i >> 3]! >> (i & 7)) & 1;
  } else if (samples === 3 && photometric === 'YBR_FULL_422') {
    check(bits === 8, 'unsupported-datatype', `YBR_FULL_422 with ${bits}-bit samples.`);
    expandYbr422(pixelEl.value, rows, columns, frames, raw);
    delivered = 'YBR_FULL';
  } else {
    const size = bits / 8;
    const v = pixelEl.value;
    const count = n * frames * samples;
    check(v.length >= count * size, 'truncated', `The pixel data has ${v.length} bytes; ${columns}×${rows}×${frames}${samples > 1 ? `×${samples}` : ''} samples of ${bits} bits need ${count * size}.`);
    decodeSamples(v, dtype, count, file.littleEndian, raw);
    if (samples === 3 && num(ds, T.PlanarConfiguration) === 1) interleave(raw, n, frames, samples);
    // Signed data with fewer bits stored than allocated: sign-extend from Bits Stored, as pydicom does.
    if (signed && stored < bits && bits <= 32 && dtype.startsWith('int')) signExtend(raw, stored);
  }

  if (samples === 3) {
    if (delivered === 'YBR_FULL' || delivered === 'YBR_FULL_422') ybrToRgb(raw, bits);
    else if (delivered !== 'RGB' && delivered !== 'YBR_RCT' && delivered !== 'YBR_ICT') {
      throw new MedicalFileError('unsupported-datatype', `Photometric Interpretation ${photometric} as stored in ${TRANSFER_SYNTAX_NAMES[file.transferSyntax] ?? file.transferSyntax}.`, 'Convert the image to RGB first, e.g. with `gdcmconv --raw`, or export it as PNG.');
    }
  }
  if (channels === 1) return { values: raw, rows, columns, frames, channels: 1, photometric, dtype };
  const values = new Float32Array(n * frames * 3);
  let outType: ScalarType = dtype;
  if (palette) {
    const p = paletteOf(ds);
    applyPalette(raw, p, values);
    outType = p.bits > 8 ? 'uint16' : 'uint8';
  } else {
    const total = n * frames;
    for (let p = 0; p < total; p++) {
      values[p] = raw[3 * p]!;
      values[total + p] = raw[3 * p + 1]!;
      values[2 * total + p] = raw[3 * p + 2]!;
    }
  }
  return { values, rows, columns, frames, channels: 3, photometric, dtype: outType };
}

function signExtend(values: Float32Array, stored: number): void {
  if (stored >= 32 || stored < 1) return;
  const shift = 32 - stored;
  for (let i = 0; i < values.length; i++) values[i] = (values[i]! << shift) >> shift;
}

/** Copies a library decoder's frame into `out` (pixel-interleaved), after checking it is the frame the header describes. */
function fromDecoder(d: DecodedFrame, rows: number, columns: number, samples: number, signedBits: number, out: Float32Array, at: number): void {
  check(d.width === columns && d.height === rows, 'bad-dicom', `A compressed frame is ${d.width}×${d.height}; the header says ${columns}×${rows}.`);
  check(d.components === samples, 'bad-dicom', `A compressed frame has ${d.components} components; the header says ${samples} samples per pixel.`);
  const n = rows * columns * samples;
  const s = d.samples;
  check(s.length >= n, 'bad-dicom', `A compressed frame holds ${s.length} samples; ${n} were expected.`);
  if (d.planar && samples > 1) {
    const px = rows * columns;
    for (let c = 0; c < samples; c++) for (let i = 0; i < px; i++) out[at + i * samples + c] = s[c * px + i]!;
  } else {
    for (let i = 0; i < n; i++) out[at + i] = s[i]!;
  }
  // Signed pixels come out of JPEG Lossless and JPEG-LS as their unsigned bit patterns: sign-extend from Bits Stored.
  if (signedBits > 0 && signedBits < 32) {
    const shift = 32 - signedBits;
    for (let i = at; i < at + n; i++) out[i] = (out[i]! << shift) >> shift;
  }
}

export function unsupportedSyntax(ts: string): MedicalFileError {
  const name = TRANSFER_SYNTAX_NAMES[ts] ?? 'an unknown transfer syntax';
  return new MedicalFileError('unsupported-transfer-syntax', `It is ${name} (${ts}); Jimu decodes uncompressed DICOM and ${DECODED_COMPRESSION}.`);
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

/**
 * RLE Lossless (PS3.5 Annex G): one PackBits segment per byte of a sample, most significant first, sample
 * by sample (all red bytes, then green, then blue). Writes pixel-interleaved samples.
 */
function decodeRle(data: Uint8Array, rows: number, columns: number, bits: number, samples: number, signed: boolean, out: Float32Array, at: number): void {
  check(data.length >= 64, 'truncated', 'An RLE frame is shorter than its header.');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getUint32(0, true);
  const bytes = bits / 8;
  check(Number.isInteger(bytes) && count === bytes * samples && count <= 15, 'bad-dicom', `An RLE frame has ${count} segments for ${samples} sample${samples > 1 ? 's' : ''} of ${bits} bits.`);
  const n = rows * columns;
  const planes: Uint8Array[] = [];
  for (let s = 0; s < count; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < count ? view.getUint32(8 + 4 * s, true) : data.length;
    check(start >= 64 && start <= end && end <= data.length, 'bad-dicom', 'An RLE segment offset points outside the frame.');
    planes.push(unpackBits(data.subarray(start, end), n));
  }
  const half = 2 ** (bits - 1);
  for (let c = 0; c < samples; c++) {
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let b = 0; b < bytes; b++) v = v * 256 + planes[c * bytes + b]![i]!;
      if (signed && v >= half) v -= 2 * half;
      out[at + i * samples + c] = v;
    }
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

/**
 * JPEG Baseline and Extended, 8- and 12-bit: sequential Huffman frames by jpeg12.ts (no maintained JavaScript
 * decoder reads 12-bit JPEG; this one matches DCMTK's dcmdjpeg exactly), other frame types by jpeg-js. Colour
 * frames come out as RGB: the YCbCr → RGB transform is applied or not as libjpeg decides it (Adobe marker, JFIF
 * marker, component ids R G B), which is what pydicom/Pillow and DCMTK give. Returns the colour model of the decoded samples.
 */
function decodeJpegLossy(data: Uint8Array, ts: string, rows: number, columns: number, samples: number, bits: number, photometric: string, out: Float32Array, at: number): string {
  const frame = jpegFrame(data);
  const transform = frame?.components === 3
    ? frame.adobeTransform !== undefined ? frame.adobeTransform !== 0 : frame.jfif || String.fromCharCode(...frame.componentIds) !== 'RGB'
    : undefined;
  // Sequential Huffman frames (SOF0, SOF1) go to Jimu's decoder, which matches DCMTK/libjpeg sample for sample;
  // anything else a file may hold despite its transfer syntax (e.g. a progressive frame) to jpeg-js.
  // (jpeg-js reads 8-bit frames only: other 12-bit frames get the DCT decoder's typed error naming their process.)
  if (frame && (frame.sof === 0xc0 || frame.sof === 0xc1 || frame.precision > 8)) return decodeDct(data, frame.precision, rows, columns, samples, bits, transform, photometric, out, at);
  check(bits === 8, 'unsupported-datatype', `JPEG ${ts === JPEG_BASELINE ? 'Baseline' : 'Extended'} with Bits Allocated ${bits}.`);
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = decodeJpeg(data, { useTArray: true, formatAsRGBA: false, colorTransform: transform, maxResolutionInMP: 100, maxMemoryUsageInMB: 512 });
  } catch (e) {
    throw new MedicalFileError('bad-dicom', `The JPEG frame cannot be decoded: ${(e as Error).message}`);
  }
  check(img.width === columns && img.height === rows, 'bad-dicom', `The JPEG frame is ${img.width}×${img.height}; the header says ${columns}×${rows}.`);
  const n = rows * columns;
  check(img.data.length >= 3 * n, 'bad-dicom', 'The JPEG frame is shorter than its header says.');
  if (samples === 1) {
    for (let i = 0; i < n; i++) out[at + i] = img.data[3 * i]!;
    return photometric;
  }
  check(frame?.components === 3, 'bad-dicom', `The JPEG frame has ${frame?.components ?? 'no'} components; the header says 3 samples per pixel.`);
  for (let i = 0; i < 3 * n; i++) out[at + i] = img.data[i]!;
  return transform ? 'RGB' : photometric;
}

/** Baseline and extended sequential JPEG through Jimu's DCT decoder (jpeg12.ts); the frame header is checked against the DICOM header before anything is allocated. */
function decodeDct(data: Uint8Array, precision: number, rows: number, columns: number, samples: number, bits: number, transform: boolean | undefined, photometric: string, out: Float32Array, at: number): string {
  check(bits === (precision > 8 ? 16 : 8), 'unsupported-datatype', `${precision}-bit JPEG with Bits Allocated ${bits}.`);
  const frame = jpegFrame(data)!;
  check(frame.columns === columns && frame.rows === rows, 'bad-dicom', `The JPEG frame is ${frame.columns}×${frame.rows}; the header says ${columns}×${rows}.`);
  check(frame.components === samples, 'bad-dicom', `The JPEG frame has ${frame.components} components; the header says ${samples} samples per pixel.`);
  const img = decodeDctJpeg(data, { maxSamples: rows * columns * samples, colourTransform: samples === 3 && transform === true });
  const n = rows * columns * samples;
  check(img.width === columns && img.height === rows && img.samples.length >= n, 'bad-dicom', `The JPEG frame is ${img.width}×${img.height}; the header says ${columns}×${rows}.`);
  for (let i = 0; i < n; i++) out[at + i] = img.samples[i]!;
  // Colour comes out as RGB when the decoder transformed it (libjpeg's YCbCr → RGB), as coded otherwise.
  return samples === 3 && transform ? 'RGB' : photometric;
}
