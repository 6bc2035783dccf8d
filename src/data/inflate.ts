import { Inflate } from 'fflate';
import { MedicalFileError } from './medical-error';

/** Deflate cannot expand more than about 1032:1; a gzip trailer that claims more is lying. */
export const MAX_RATIO = 1100;

/** Compressed bytes fed per step: one step of a maximally compressed stream yields at most ~18 MB. */
const STEP = 1 << 14;

export const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Thrown inside fflate's callback to stop inflating once enough has come out. */
const ENOUGH = Symbol('enough');

/**
 * Inflates `input` in small steps, handing each output chunk to `take`, which returns false once it has
 * what it needs: the rest of the stream is then never inflated. Returns how many bytes came out.
 */
function inflateSteps(input: Uint8Array, gzip: boolean, take: (chunk: Uint8Array) => boolean): number {
  let body = input;
  if (gzip) {
    if (input.length < 18 || !isGzip(input) || input[2] !== 8) throw new MedicalFileError('corrupt-gzip', 'The gzip header is invalid.');
    body = skipGzipHeader(input.subarray(0, input.length - 8));
  }
  if (body.length === 0) throw new MedicalFileError('corrupt-gzip', 'The compressed stream is empty.');
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (!take(chunk)) throw ENOUGH;
  });
  try {
    // Small first steps, so reading a header inflates kilobytes, not megabytes; then full steps.
    for (let at = 0, step = 256; at < body.length; at += step, step = Math.min(STEP, step * 2)) {
      const end = Math.min(body.length, at + step);
      inflater.push(body.subarray(at, end), end === body.length);
    }
  } catch (e) {
    if (e instanceof MedicalFileError) throw e;
    if (e !== ENOUGH && total === 0) throw new MedicalFileError('corrupt-gzip', String((e as Error).message ?? e));
    // A stream that ends early (or has trailing junk) still yields what was inflated; callers check sizes.
  }
  return total;
}

/**
 * Inflates a raw deflate or gzip stream with a cap on the output, so a damaged or hostile file cannot make
 * Jimu allocate without bound. Streams in chunks: memory grows only with the data actually produced, and
 * inflating stops as soon as the output passes the cap.
 */
export function inflateCapped(input: Uint8Array, maxBytes: number, gzip: boolean): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const limit = Math.min(maxBytes, input.length * MAX_RATIO + 1024);
  inflateSteps(input, gzip, (chunk) => {
    total += chunk.length;
    if (total > limit) throw new MedicalFileError('too-large', `It expands to more than ${formatBytes(limit)}.`);
    chunks.push(chunk);
    return true;
  });
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/**
 * The first `n` bytes a deflate or gzip stream holds (fewer when it is shorter), written into one buffer of
 * that size: inflating stops there, so a reader that knows from a header how much it needs never inflates
 * more, however much the stream would give.
 */
export function inflatePrefix(input: Uint8Array, n: number, gzip: boolean): Uint8Array {
  const out = new Uint8Array(n);
  let at = 0;
  if (n === 0) return out;
  inflateSteps(input, gzip, (chunk) => {
    const k = Math.min(chunk.length, n - at);
    out.set(chunk.subarray(0, k), at);
    at += k;
    return at < n;
  });
  return at === n ? out : out.subarray(0, at);
}

function skipGzipHeader(b: Uint8Array): Uint8Array {
  const flags = b[3]!;
  let p = 10;
  if (flags & 4) p += 2 + (b[p]! | (b[p + 1]! << 8));
  if (flags & 8) while (p < b.length && b[p++] !== 0);
  if (flags & 16) while (p < b.length && b[p++] !== 0);
  if (flags & 2) p += 2;
  if (p >= b.length) throw new MedicalFileError('corrupt-gzip', 'The gzip header runs past the end of the file.');
  return b.subarray(p);
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  return `${n} bytes`;
}
