import type { VoxelType } from './volume';

export const BYTES_PER_SAMPLE: Record<Exclude<VoxelType, 'rgb24' | 'rgba32'>, number> = {
  uint8: 1, int8: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, uint64: 8, int64: 8, float32: 4, float64: 8,
};

export type ScalarType = keyof typeof BYTES_PER_SAMPLE;

/**
 * Decodes `count` samples of `type` from `bytes` (any alignment, either byte order) and writes
 * `value * slope + inter` into `out` from `outAt`. Copies once into an aligned buffer so typed arrays do the
 * work; big-endian samples are byte-swapped in that copy.
 */
export function decodeSamples(
  bytes: Uint8Array, type: ScalarType, count: number, littleEndian: boolean,
  out: Float32Array, outAt = 0, slope = 1, inter = 0,
): void {
  const size = BYTES_PER_SAMPLE[type];
  const raw = bytes.slice(0, count * size);
  if (!littleEndian && size > 1) {
    for (let p = 0; p < raw.length; p += size) {
      for (let a = p, b = p + size - 1; a < b; a++, b--) {
        const t = raw[a]!;
        raw[a] = raw[b]!;
        raw[b] = t;
      }
    }
  }
  const buf = raw.buffer;
  const src = view(type, buf, count);
  const scaled = slope !== 1 || inter !== 0;
  if (type === 'int64' || type === 'uint64') {
    const big = src as BigInt64Array | BigUint64Array;
    for (let i = 0; i < count; i++) out[outAt + i] = Number(big[i]!) * slope + inter;
    return;
  }
  const s = src as Exclude<typeof src, BigInt64Array | BigUint64Array>;
  if (!scaled) out.set(s, outAt);
  else for (let i = 0; i < count; i++) out[outAt + i] = s[i]! * slope + inter;
}

function view(type: ScalarType, buf: ArrayBufferLike, n: number) {
  switch (type) {
    case 'uint8': return new Uint8Array(buf, 0, n);
    case 'int8': return new Int8Array(buf, 0, n);
    case 'uint16': return new Uint16Array(buf, 0, n);
    case 'int16': return new Int16Array(buf, 0, n);
    case 'uint32': return new Uint32Array(buf, 0, n);
    case 'int32': return new Int32Array(buf, 0, n);
    case 'uint64': return new BigUint64Array(buf, 0, n);
    case 'int64': return new BigInt64Array(buf, 0, n);
    case 'float32': return new Float32Array(buf, 0, n);
    case 'float64': return new Float64Array(buf, 0, n);
  }
}
