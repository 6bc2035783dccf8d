import { decode as decodePng, type DecodedPng } from 'fast-png';
import { decode as decodeJpegBytes } from 'jpeg-js';
import { DataError } from './errors';

/** A decoded 2D image: H × W × C values in [0, 1], row-major, channels last. */
export interface DecodedImage {
  data: Float32Array;
  height: number;
  width: number;
  /** 1 for grey, 3 for colour; alpha is dropped. */
  channels: 1 | 3;
  /** Bits per sample in the file (8 for JPEG; 1, 2, 4, 8 or 16 for PNG). */
  bitDepth: number;
  format: 'png' | 'jpeg';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format the bytes announce (by their signature, not the file name), or null. */
export function imageFormat(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/**
 * Decodes PNG or JPEG bytes into floats in [0, 1]: each sample is divided by the largest value its
 * bit depth can hold (255, or 65535 for 16-bit PNG), so 8- and 16-bit files of one scan agree.
 * Grey images give one channel, colour images three; alpha is dropped; palette images become RGB.
 * `name` is the file name used in error messages.
 */
export function decodeImage(bytes: Uint8Array, name: string): DecodedImage {
  const format = imageFormat(bytes);
  if (format) checkDeclaredSize(bytes, format, name);
  if (format === 'png') return fromPng(bytes, name);
  if (format === 'jpeg') return fromJpeg(bytes, name);
  const start = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new DataError(
    bytes.length === 0 ? `"${name}" is empty: it is not a PNG or JPEG image.` : `"${name}" is neither a PNG nor a JPEG image (it starts with the bytes ${start}).`,
    'Save the image as PNG or JPEG, or remove it from the folder.',
  );
}

/**
 * The largest image decoded, in pixels: 50 megapixels (e.g. 8,660 × 5,770), above any fundus or
 * dermatoscopy camera (≤ 24 MP) and far above what a model is trained on; as RGB floats it is 600 MB.
 * A file that declares more is refused before decoding, so a few bytes cannot claim gigabytes.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** Width and height as the file's header declares them (PNG's IHDR, JPEG's SOFn), or null if not found. */
export function declaredImageSize(bytes: Uint8Array, format: 'png' | 'jpeg'): { width: number; height: number } | null {
  if (format === 'png') {
    // Signature, then the IHDR chunk: length (4), type (4), width (4), height (4), big-endian.
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: v.getUint32(16), height: v.getUint32(20) };
  }
  const frame = jpegFrameHeader(bytes);
  return frame && { width: frame.width, height: frame.height };
}

function checkDeclaredSize(bytes: Uint8Array, format: 'png' | 'jpeg', name: string): void {
  const size = declaredImageSize(bytes, format);
  if (!size) return; // the decoder reports a missing header in its own words
  const label = format === 'png' ? 'PNG' : 'JPEG';
  if (size.width === 0 || size.height === 0) {
    throw new DataError(`"${name}" is a ${label} of ${size.width} × ${size.height} pixels: it holds no image.`, 'The file is damaged; export it again.');
  }
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    throw new DataError(
      `"${name}" declares ${size.width.toLocaleString('en-US')} × ${size.height.toLocaleString('en-US')} pixels (${(size.width * size.height / 1e6).toFixed(0)} megapixels); Jimu decodes images up to ${MAX_IMAGE_PIXELS / 1e6} megapixels.`,
      'Reduce the image first (a model is trained on a few hundred pixels a side), or check that the file is not damaged.',
    );
  }
}

function fromPng(bytes: Uint8Array, name: string): DecodedImage {
  let png: DecodedPng;
  try {
    png = decodePng(bytes);
  } catch (e) {
    throw new DataError(`"${name}" looks like a PNG but cannot be read: ${(e as Error).message}.`, 'The file may be cut short or damaged; export it again.');
  }
  const { width, height, depth } = png;
  const pixels = width * height;
  if (png.palette) {
    const data = new Float32Array(pixels * 3);
    const indices = unpackSamples(png, 1);
    for (let p = 0; p < pixels; p++) {
      const colour = png.palette[indices[p]!];
      if (!colour) throw new DataError(`"${name}" uses colour ${indices[p]} but its palette has ${png.palette.length} colours.`, 'The file is damaged; export it again.');
      for (let c = 0; c < 3; c++) data[p * 3 + c] = colour[c]! / 255;
    }
    return { data, height, width, channels: 3, bitDepth: depth, format: 'png' };
  }
  // Colour types: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA. Alpha is always last.
  const stored = png.channels;
  const channels: 1 | 3 = stored >= 3 ? 3 : 1;
  const samples = unpackSamples(png, stored);
  const max = 2 ** depth - 1;
  const data = new Float32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < channels; c++) data[p * channels + c] = samples[p * stored + c]! / max;
  }
  return { data, height, width, channels, bitDepth: depth, format: 'png' };
}

/**
 * The samples of a decoded PNG, one array entry each. fast-png leaves 1-, 2- and 4-bit images packed
 * (several samples per byte, each row padded to a whole byte); 8- and 16-bit ones come one per entry.
 */
function unpackSamples(png: DecodedPng, channels: number): ArrayLike<number> {
  if (png.depth >= 8) return png.data;
  const { width, height, depth, data } = png;
  const perRow = width * channels;
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const mask = (1 << depth) - 1;
  const out = new Uint8Array(perRow * height);
  for (let r = 0; r < height; r++) {
    for (let i = 0; i < perRow; i++) {
      const bit = i * depth;
      const byte = data[r * rowBytes + (bit >> 3)]!;
      out[r * perRow + i] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

function fromJpeg(bytes: Uint8Array, name: string): DecodedImage {
  let rgb: { width: number; height: number; data: Uint8Array };
  try {
    rgb = decodeJpegBytes(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
  } catch (e) {
    throw new DataError(`"${name}" looks like a JPEG but cannot be read: ${(e as Error).message}.`, 'The file may be cut short, damaged or too large; export it again.');
  }
  const { width, height } = rgb;
  const pixels = width * height;
  // jpeg-js always returns RGB; a JPEG stored with one component is grey, and stays one channel here.
  const channels: 1 | 3 = jpegComponents(bytes) === 1 ? 1 : 3;
  const data = new Float32Array(pixels * channels);
  if (channels === 3) for (let i = 0; i < pixels * 3; i++) data[i] = rgb.data[i]! / 255;
  else for (let p = 0; p < pixels; p++) data[p] = rgb.data[p * 3]! / 255;
  return { data, height, width, channels, bitDepth: 8, format: 'jpeg' };
}

/** The number of colour components in a JPEG's frame header (SOFn), or null when none is found. */
export function jpegComponents(bytes: Uint8Array): number | null {
  return jpegFrameHeader(bytes)?.components ?? null;
}

/** What a JPEG's frame header (SOFn) declares: size and colour components; null when there is none before the scan. */
function jpegFrameHeader(bytes: Uint8Array): { width: number; height: number; components: number } | null {
  let i = 2;
  while (i + 10 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC): precision, height, width, then the component count.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]!, components: bytes[i + 9]! };
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan data or end before any frame header
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return null;
}
