import { MedicalFileError } from '../medical-error';

/**
 * Decoders for the compressed transfer syntaxes that need a library, loaded on first use with a dynamic
 * import so the app's first load does not carry them. The wasm codecs are the packages' single-file builds
 * (the .wasm inlined as base64 in one .js), which load the same way in Node, a Web Worker and the page,
 * with no file to locate. A codec is loaded asynchronously (`loadCodecs`), then decodes synchronously.
 */
export type CodecName = 'jpeg-lossless' | 'jpeg-ls' | 'jpeg2000';

const CODEC_OF: Record<string, CodecName> = {
  '1.2.840.10008.1.2.4.57': 'jpeg-lossless',
  '1.2.840.10008.1.2.4.70': 'jpeg-lossless',
  '1.2.840.10008.1.2.4.80': 'jpeg-ls',
  '1.2.840.10008.1.2.4.81': 'jpeg-ls',
  '1.2.840.10008.1.2.4.90': 'jpeg2000',
  '1.2.840.10008.1.2.4.91': 'jpeg2000',
};

export const codecFor = (transferSyntax: string): CodecName | undefined => CODEC_OF[transferSyntax];

/** One decoded frame: samples pixel-interleaved (R G B R G B …) unless `planar`, in their raw bit patterns. */
export interface DecodedFrame {
  samples: ArrayLike<number>;
  width: number;
  height: number;
  components: number;
  bitsPerSample: number;
  /** The components follow one another (JPEG-LS without interleaving). */
  planar: boolean;
}

/** A frame's size: what its header declares, or what the DICOM data set says it must be. */
export interface FrameSize {
  width: number;
  height: number;
  components: number;
}

/**
 * Decodes one frame. `expected` (from Rows, Columns and Samples per Pixel) is checked against what the
 * codestream declares before any decoding: a frame that claims another size is refused without spending
 * the time and memory its claim would cost.
 */
export type FrameDecoder = (data: Uint8Array, expected?: FrameSize) => DecodedFrame;

const loaded = new Map<CodecName, FrameDecoder>();
const loading = new Map<CodecName, Promise<void>>();
/** Wasm modules that threw while decoding: still used (their errors are typed), replaced on the next `loadCodecs`. */
const stale = new Set<CodecName>();

/** Loads the decoders the given transfer syntaxes need (those that need none are ignored). */
export async function loadCodecs(transferSyntaxes: Iterable<string>): Promise<void> {
  const names = new Set<CodecName>();
  for (const ts of transferSyntaxes) {
    const name = codecFor(ts);
    if (name && (!loaded.has(name) || stale.has(name))) names.add(name);
  }
  await Promise.all([...names].map(load));
}

function load(name: CodecName): Promise<void> {
  let p = loading.get(name);
  if (!p) {
    p = instantiate(name)
      .then((decoder) => {
        loaded.set(name, decoder);
        stale.delete(name);
      })
      .catch((e: unknown) => {
        throw new Error(`The ${name} decoder could not be loaded: ${(e as Error).message}`);
      })
      .finally(() => loading.delete(name));
    loading.set(name, p);
  }
  return p;
}

/** The loaded decoder; a programming error when `loadCodecs` was not awaited first. */
export function codec(name: CodecName): FrameDecoder {
  const d = loaded.get(name);
  if (!d) throw new Error(`The ${name} decoder is not loaded: await loadCodecs() before decoding.`);
  return d;
}

/**
 * Decodes one frame; any failure of the library becomes a typed error. A wasm module that failed may be
 * damaged (an abort leaves it unusable): it is marked stale, so the next `loadCodecs` starts a fresh one.
 */
export function decodeFrame(name: CodecName, data: Uint8Array, expected?: FrameSize): DecodedFrame {
  try {
    return codec(name)(data, expected);
  } catch (e) {
    if (e instanceof MedicalFileError) throw e;
    if (name !== 'jpeg-lossless') stale.add(name);
    // The wasm decoders throw C++ exceptions as bare numbers (pointers): say which library refused the stream.
    const why = e instanceof Error ? e.message : typeof e === 'number' ? `${LIBRARY[name]} rejected the stream` : String(e);
    throw new MedicalFileError('bad-dicom', `A ${LABEL[name]} frame cannot be decoded: ${why}`);
  }
}

const LABEL: Record<CodecName, string> = { 'jpeg-lossless': 'JPEG Lossless', 'jpeg-ls': 'JPEG-LS', 'jpeg2000': 'JPEG 2000' };
const LIBRARY: Record<CodecName, string> = { 'jpeg-lossless': 'jpeg-lossless-decoder-js', 'jpeg-ls': 'CharLS', 'jpeg2000': 'OpenJPEG' };

/** The interface of an emscripten embind decoder object in @cornerstonejs/codec-charls and codec-openjpeg. */
interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned?: boolean };
  delete(): void;
}
interface CharLSDecoder extends WasmDecoder {
  getInterleaveMode(): number;
}
type Factory<T> = (options?: object) => Promise<T>;

/** Largest frame a wasm decoder is asked for (samples); larger declared sizes are refused before decoding. */
const MAX_FRAME_SAMPLES = 2 ** 28;

async function instantiate(name: CodecName): Promise<FrameDecoder> {
  if (name === 'jpeg-lossless') {
    const { Decoder } = await import('jpeg-lossless-decoder-js');
    return (data, expected) => {
      const frame = jpegFrame(data);
      if (!frame) throw new MedicalFileError('bad-dicom', 'The JPEG Lossless frame has no frame header.');
      checkDeclared({ width: frame.columns, height: frame.rows, components: frame.components }, expected);
      if (frame.components !== 1 && frame.precision > 8) throw new MedicalFileError('unsupported-datatype', `JPEG Lossless with ${frame.components} components of ${frame.precision} bits.`);
      const out = new Decoder().decode(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength, frame.precision > 8 ? 2 : 1);
      return { samples: out, width: frame.columns, height: frame.rows, components: frame.components, bitsPerSample: frame.precision, planar: false };
    };
  }
  if (name === 'jpeg-ls') {
    const factory = interop<Factory<{ JpegLSDecoder: new () => CharLSDecoder }>>(await import('@cornerstonejs/codec-charls/decode'));
    const m = await factory(quiet());
    return (data, expected) => {
      const frame = jpegFrame(data);
      if (!frame || frame.sof !== 0xf7) throw new MedicalFileError('bad-dicom', 'The JPEG-LS frame has no frame header.');
      checkDeclared({ width: frame.columns, height: frame.rows, components: frame.components }, expected);
      return runWasm(new m.JpegLSDecoder(), data, (d) => d.getInterleaveMode() === 0);
    };
  }
  const factory = interop<Factory<{ J2KDecoder: new () => WasmDecoder }>>(await import('@cornerstonejs/codec-openjpeg/decode'));
  const m = await factory(quiet());
  return (data, expected) => {
    const size = j2kSize(data);
    if (size) checkDeclared(size, expected);
    return runWasm(new m.J2KDecoder(), data, () => false);
  };
}

/** Emscripten options (a fresh object per instance: it becomes the module): the decoders' progress messages stay out of the CLI's output. */
const quiet = () => ({ print: () => {}, printErr: () => {} });

/** Image size from a JPEG 2000 codestream's SIZ marker (also inside a JP2 'jp2c' box); undefined if not found. */
export function j2kSize(b: Uint8Array): { width: number; height: number; components: number } | undefined {
  let at = 0;
  if (!(b[0] === 0xff && b[1] === 0x4f)) {
    // A JP2 file: find the contiguous codestream box.
    for (let i = 0; i + 8 < Math.min(b.length, 4096); i++) {
      if (b[i] === 0x6a && b[i + 1] === 0x70 && b[i + 2] === 0x32 && b[i + 3] === 0x63) {
        at = i + 4;
        break;
      }
    }
    if (at === 0) return undefined;
  }
  if (at + 42 > b.length || b[at] !== 0xff || b[at + 1] !== 0x4f || b[at + 2] !== 0xff || b[at + 3] !== 0x51) return undefined;
  const v = new DataView(b.buffer, b.byteOffset + at, b.length - at);
  const width = v.getUint32(8) - v.getUint32(16);
  const height = v.getUint32(12) - v.getUint32(20);
  return { width, height, components: v.getUint16(40) };
}

/** CommonJS modules arrive as `{ default: f }` (Node, Vite) or as `f` with `default` on it. */
function interop<T>(mod: unknown): T {
  const m = mod as { default?: unknown };
  return (typeof m === 'function' ? m : (m.default as { default?: unknown }).default ?? m.default) as T;
}

/** The codestream's declared size: possible, within the limit, and the size the data set says. */
function checkDeclared(declared: FrameSize, expected: FrameSize | undefined): void {
  checkSize(declared.width * declared.height * declared.components);
  if (expected && (declared.width !== expected.width || declared.height !== expected.height || declared.components !== expected.components)) {
    throw new MedicalFileError(
      'bad-dicom',
      `A compressed frame declares ${declared.width}×${declared.height}×${declared.components} samples; the header says ${expected.width}×${expected.height}×${expected.components} (Columns × Rows × Samples per Pixel). It was not decoded.`,
    );
  }
}

function checkSize(samples: number): void {
  if (!(samples > 0)) throw new MedicalFileError('bad-dicom', 'A compressed frame declares an empty or impossible size.');
  if (samples > MAX_FRAME_SAMPLES) throw new MedicalFileError('too-large', `A compressed frame declares ${samples} samples.`);
}

function runWasm<D extends WasmDecoder>(d: D, data: Uint8Array, planar: (d: D) => boolean): DecodedFrame {
  try {
    d.getEncodedBuffer(data.length).set(data);
    d.decode();
    const f = d.getFrameInfo();
    const bytes = d.getDecodedBuffer();
    const n = f.width * f.height * f.componentCount;
    const size = f.bitsPerSample > 8 ? 2 : 1;
    if (bytes.length < n * size) throw new MedicalFileError('bad-dicom', `The decoder gave ${bytes.length} bytes for ${f.width}×${f.height}×${f.componentCount} samples.`);
    // Copy out of the wasm heap (the views die with the decoder); samples are little-endian in wasm memory.
    const copy = bytes.slice(0, n * size);
    const samples = size === 1 ? (f.isSigned ? new Int8Array(copy.buffer) : copy) : f.isSigned ? new Int16Array(copy.buffer) : new Uint16Array(copy.buffer);
    return { samples, width: f.width, height: f.height, components: f.componentCount, bitsPerSample: f.bitsPerSample, planar: planar(d) };
  } finally {
    try {
      d.delete();
    } catch {
      // A decoder that aborted cannot be deleted; its module is dropped by decodeFrame.
    }
  }
}

/** What a JPEG stream's frame header (SOFn) declares, and the colour hints before it. */
export interface JpegFrame {
  /** The SOF marker's low byte: 0xc0 baseline, 0xc1 extended, 0xc3 lossless, 0xf7 JPEG-LS, … */
  sof: number;
  precision: number;
  rows: number;
  columns: number;
  components: number;
  componentIds: number[];
  /** The transform flag of an Adobe APP14 marker (0: components as coded, 1: YCbCr, 2: YCCK); undefined without one. */
  adobeTransform: number | undefined;
  jfif: boolean;
}

/** Walks the markers up to the first frame header; undefined when there is none or the stream is cut. */
export function jpegFrame(b: Uint8Array): JpegFrame | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let adobeTransform: number | undefined;
  let jfif = false;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const m = b[at + 1]!;
    if (m === 0xff) {
      at++;
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      at += 2;
      continue;
    }
    const len = (b[at + 2]! << 8) | b[at + 3]!;
    if (len < 2 || at + 2 + len > b.length) return undefined;
    const seg = at + 4;
    if (m === 0xe0 && len >= 7 && b[seg] === 0x4a && b[seg + 1] === 0x46 && b[seg + 2] === 0x49 && b[seg + 3] === 0x46) jfif = true;
    if (m === 0xee && len >= 14 && b[seg] === 0x41 && b[seg + 1] === 0x64 && b[seg + 2] === 0x6f && b[seg + 3] === 0x62) adobeTransform = b[seg + 11]!;
    // SOF0–SOF15 (JPEG), SOF55 (JPEG-LS).
    if ((m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7) {
      if (len < 8) return undefined;
      const components = b[seg + 5]!;
      if (len < 8 + 3 * components) return undefined;
      const componentIds = Array.from({ length: components }, (_, i) => b[seg + 6 + 3 * i]!);
      return { sof: m, precision: b[seg]!, rows: (b[seg + 1]! << 8) | b[seg + 2]!, columns: (b[seg + 3]! << 8) | b[seg + 4]!, components, componentIds, adobeTransform, jfif };
    }
    if (m === 0xda || m === 0xd9) return undefined;
    at += 2 + len;
  }
  return undefined;
}
