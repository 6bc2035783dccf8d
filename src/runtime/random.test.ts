import { describe, expect, it } from 'vitest';
import { mulberry32, permutation, streamSeed, withRandom } from './random';
import { tf } from './tf';

describe('seeded randomness', () => {
  it('repeats for a seed and differs between seeds and purposes', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(2)()).not.toBe(xs[0]);
    expect(streamSeed(1, 'shuffle')).not.toBe(streamSeed(1, 'dropout'));
  });

  it('permutes every index exactly once', () => {
    const p = Array.from(permutation(50, mulberry32(3)));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('makes unseeded tfjs dropout reproducible and restores Math.random', () => {
    const original = Math.random;
    const mask = (seed: number) =>
      withRandom(mulberry32(seed), () => tf.tidy(() => Array.from(tf.dropout(tf.ones([64]), 0.5).dataSync())));
    expect(mask(1)).toEqual(mask(1));
    expect(mask(1)).not.toEqual(mask(2));
    expect(Math.random).toBe(original);
  });
});
