import fc from 'fast-check';

/**
 * Mutated files for fuzzing the readers (medical.fuzz.test.ts, readers.fuzz.test.ts and
 * bench/fuzz-readers.ts): one of a format's seed files with one to six byte-level edits. Pure data.
 */

/** Byte strings that have broken parsers before: quotes and separators, a BOM, huge and odd numbers. */
export const HOSTILE_TOKENS: readonly string[] = ['"', ',', ';', '\t', '\n', '\r\n', '\r', '\uFEFF', '""', '\u0000', '__proto__', 'constructor', 'NaN', '-Infinity', '1e309', '-0', '9'.repeat(40), 'é中', '\uD800', ' '.repeat(64)];

export type FileEdit =
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'u32'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; value: number }
  | { kind: 'token'; at: number; token: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

export interface FileMutation {
  seed: number;
  edits: FileEdit[];
}

export const fileEdit: fc.Arbitrary<FileEdit> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('u32' as const), at: fc.nat(), value: fc.constantFrom(0, 1, 0xffff, 0x7fffffff, 0xffffffff, 0xfffffffe, 348, 540, 0x10000, 0x7fc00000, 0x7f800000) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('token' as const), at: fc.nat(), token: fc.nat({ max: HOSTILE_TOKENS.length - 1 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }), times: fc.integer({ min: 2, max: 64 }) }),
);

/** A mutation of one of `seeds` seed files. */
export const fileMutation = (seeds: number): fc.Arbitrary<FileMutation> =>
  fc.record({ seed: fc.nat({ max: Math.max(0, seeds - 1) }), edits: fc.array(fileEdit, { minLength: 1, maxLength: 6 }) });

const encoder = new TextEncoder();

/** Applies the edits to a copy of `input`. */
export function mutateBytes(input: Uint8Array, edits: readonly FileEdit[]): Uint8Array {
  let b = input.slice();
  const splice = (at: number, insert: Uint8Array) => {
    const out = new Uint8Array(b.length + insert.length);
    out.set(b.subarray(0, at));
    out.set(insert, at);
    out.set(b.subarray(at), at + insert.length);
    return out;
  };
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % b.length;
    if (e.kind === 'byte') b[at] = e.value;
    else if (e.kind === 'u32' && at + 4 <= b.length) new DataView(b.buffer, b.byteOffset).setUint32(at, e.value >>> 0, e.at % 2 === 0);
    else if (e.kind === 'cut') b = b.slice(0, at);
    else if (e.kind === 'insert') b = splice(at, Uint8Array.of(e.value));
    else if (e.kind === 'token') b = splice(at, encoder.encode(HOSTILE_TOKENS[e.token]!));
    else if (e.kind === 'repeat') {
      const piece = b.subarray(at, at + e.length);
      const copies = new Uint8Array(piece.length * e.times);
      for (let i = 0; i < e.times; i++) copies.set(piece, i * piece.length);
      b = splice(at, copies);
    }
  }
  return b;
}
