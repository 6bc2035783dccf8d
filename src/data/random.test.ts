import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, mulberry32, shuffle } from './random';

describe('mulberry32', () => {
  it('matches the reference implementation', () => {
    // The widely published JavaScript original, written independently here as the oracle.
    function reference(a: number) {
      return function () {
        let t = (a += 0x6d2b79f5);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    for (const seed of [0, 1, 42, 2 ** 31 - 1, 123456789]) {
      const ours = mulberry32(seed);
      const theirs = reference(seed);
      for (let i = 0; i < 1000; i++) expect(ours()).toBe(theirs());
    }
  });

  it('is uniform on [0, 1)', () => {
    const next = mulberry32(7);
    const bins = new Array<number>(10).fill(0);
    const n = 50_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const v = next();
      if (v < 0 || v >= 1) outside++;
      else bins[Math.floor(v * 10)]!++;
    }
    expect(outside).toBe(0);
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile.
    const chi = bins.reduce((s, b) => s + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi).toBeLessThan(27.9);
  });
});

describe('createRandom', () => {
  it.each([
    ['same seed, same stream', 5, 5, true],
    ['other seed, other stream', 5, 6, false],
  ])('%s', (_name, a, b, same) => {
    const ra = createRandom(a);
    const rb = createRandom(b);
    const da = Array.from({ length: 20 }, () => ra.next());
    const db = Array.from({ length: 20 }, () => rb.next());
    expect(da.every((v, i) => v === db[i])).toBe(same);
  });

  it('draws standard normals', () => {
    const r = createRandom(3);
    const n = 40_000;
    const xs = Array.from({ length: n }, () => r.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it.each([1, 2, 7, 100])('int(%i) stays in range and reaches both ends', (n) => {
    const r = createRandom(9);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(n);
      expect(Number.isInteger(v) && v >= 0 && v < n).toBe(true);
      seen.add(v);
    }
    expect(seen.has(0) && seen.has(n - 1)).toBe(true);
  });
});

describe('deriveSeed', () => {
  it.each([
    [1, 'a', 1, 'a', true],
    [1, 'a', 1, 'b', false],
    [1, 'a', 2, 'a', false],
    [0, 'split', 0, 'source', false],
  ])('(%i, %s) vs (%i, %s): equal=%s', (s1, n1, s2, n2, equal) => {
    const a = deriveSeed(s1, n1);
    const b = deriveSeed(s2, n2);
    expect(a === b).toBe(equal);
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
  });
});

describe('shuffle', () => {
  it('permutes, reproducibly', () => {
    const a = shuffle(Array.from({ length: 50 }, (_, i) => i), createRandom(1));
    const b = shuffle(Array.from({ length: 50 }, (_, i) => i), createRandom(1));
    expect(a).toEqual(b);
    expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
