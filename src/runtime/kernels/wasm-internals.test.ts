import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../tf';
import { alias, alloc, f32, free, matmulInto, offsetOf, unalias, type WasmBackend } from './wasm-heap';

/**
 * Jimu's wasm kernels (wasm-heap.ts) reach into tfjs-backend-wasm's private internals: `dataIdMap`
 * entries with `id` and `memoryOffset`, `makeOutput` with a memory offset, the Emscripten module's
 * `HEAPU8` and `cwrap`, and `wasm.tfjs.disposeData`. None of it is public API, so the versions are
 * pinned exactly in package.json, and this test fails loudly the day an upgrade changes them.
 */
const LOUD = 'tfjs-backend-wasm internals changed: update src/runtime/kernels/wasm-heap.ts (and its pinned version) before upgrading';
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const installed = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

describe('tfjs-backend-wasm internals that Jimu relies on', () => {
  it('are pinned: every @tensorflow dependency is an exact version, the one installed, and the tfjs packages agree', () => {
    const tfjs = Object.entries(pkg.dependencies).filter(([name]) => name.startsWith('@tensorflow/'));
    expect(tfjs.map(([n]) => n)).toContain('@tensorflow/tfjs-backend-wasm');
    for (const [name, range] of tfjs) {
      expect(range, `${name} must be pinned to an exact version`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(installed(name), `${name}: installed version differs from package.json`).toBe(range);
    }
    const wasm = pkg.dependencies['@tensorflow/tfjs-backend-wasm'];
    for (const inner of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu']) expect(installed(inner), inner).toBe(wasm);
  });

  it('still have the shape wasm-heap.ts reads and writes', async () => {
    await tf.setBackend('wasm');
    const b = tf.backend() as WasmBackend;
    expect(b.dataIdMap, LOUD).toBeDefined();
    expect(typeof (b.wasm as unknown as { cwrap: unknown }).cwrap, LOUD).toBe('function');
    expect((b.wasm as unknown as { HEAPU8: unknown }).HEAPU8, LOUD).toBeInstanceOf(Uint8Array);
    expect(typeof b.wasm.tfjs.disposeData, LOUD).toBe('function');

    const t = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const entry = b.dataIdMap.get(t.dataId) as unknown as { id: unknown; memoryOffset: unknown };
    expect(typeof entry.id, LOUD).toBe('number');
    expect(typeof entry.memoryOffset, LOUD).toBe('number');
    expect(Array.from(f32(b, t)), LOUD).toEqual([1, 2, 3, 4, 5, 6]);

    // makeOutput with an offset aliases memory: the second row of t, without a copy.
    const row = alias(b, t, 3, [1, 3]);
    expect(offsetOf(b, row), LOUD).toBe(offsetOf(b, t) + 12);
    expect(Array.from(f32(b, row)), LOUD).toEqual([4, 5, 6]);

    // The exported BatchMatMul, called by cwrap with tensor ids, writes into the alias.
    const a = tf.tensor2d([1, 0, 0, 1], [2, 2]);
    const w = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const out = alloc(b, [2, 3]);
    matmulInto(b, a, w, out, 2, 2, 3);
    expect(Array.from(f32(b, out)), LOUD).toEqual([1, 2, 3, 4, 5, 6]);

    unalias(b, row);
    expect(Array.from(f32(b, t)), 'unalias must leave the memory alone').toEqual([1, 2, 3, 4, 5, 6]);
    free(b, out);
    tf.dispose([t, a, w]);
  });
});
