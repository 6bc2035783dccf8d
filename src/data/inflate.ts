import { Inflate } from 'fflate';
import { MedicalFileError } from './medical-error';

/** Deflate cannot expand more than about 1032:1; a gzip trailer that claims more is lying. */
const MAX_RATIO = 1100;

export const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * Inflates a raw deflate or gzip stream with a cap on the output, so a damaged or hostile file cannot make
 * Jimu allocate without bound. Streams in chunks: memory grows only with the data actually produced.
 */
export function inflateCapped(input: Uint8Array, maxBytes: number, gzip: boolean): Uint8Array {
  let body = input;
  if (gzip) {
    if (input.length < 18 || !isGzip(input) || input[2] !== 8) throw new MedicalFileError('corrupt-gzip', 'The gzip header is invalid.');
    body = skipGzipHeader(input.subarray(0, input.length - 8));
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  let failure: unknown;
  const limit = Math.min(maxBytes, input.length * MAX_RATIO + 1024);
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new MedicalFileError('too-large', `It expands to more than ${formatBytes(limit)}.`);
    chunks.push(chunk);
  });
  try {
    // Feed in slices so the cap is checked while inflating, not after.
    const step = 1 << 16;
    if (body.length === 0) throw new MedicalFileError('corrupt-gzip', 'The compressed stream is empty.');
    for (let at = 0; at < body.length; at += step) {
      const end = Math.min(body.length, at + step);
      inflater.push(body.subarray(at, end), end === body.length);
    }
  } catch (e) {
    failure = e;
  }
  if (failure instanceof MedicalFileError) throw failure;
  if (failure !== undefined && total === 0) throw new MedicalFileError('corrupt-gzip', String((failure as Error).message ?? failure));
  // A stream that ends early (or has trailing junk) still yields what was inflated; callers check sizes.
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
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
