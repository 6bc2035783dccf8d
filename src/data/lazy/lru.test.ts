import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { ByteLru } from './lru';
import { defaultCacheBytes, FALLBACK_CACHE_BYTES } from './memory-budget';

describe('ByteLru', () => {
  it('never holds more bytes than its cap, whatever the sizes and the order of use', () => {
    const random = createRandom(5);
    const cap = 10_000;
    const lru = new ByteLru<number, number>(cap, (v) => v);
    const sizes = new Map<number, number>();
    for (let step = 0; step < 5000; step++) {
      const key = random.int(200);
      if (random.next() < 0.5) {
        const size = 1 + random.int(4000);
        sizes.set(key, size);
        lru.set(key, size);
      } else {
        lru.get(key);
      }
      expect(lru.bytes).toBeLessThanOrEqual(cap);
    }
    expect(lru.peakBytes).toBeLessThanOrEqual(cap);
    expect(lru.peakBytes).toBeGreaterThan(cap / 2);
  });

  it('evicts the least recently used first, and keeps nothing larger than the cap', () => {
    const lru = new ByteLru<string, number>(10, (v) => v);
    lru.set('a', 4);
    lru.set('b', 4);
    expect(lru.get('a')).toBe(4); // a is now the most recent
    lru.set('c', 4); // evicts b
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c')]).toEqual([4, 4]);
    expect(lru.set('huge', 11)).toBe(false);
    expect(lru.bytes).toBe(8);
    lru.set('a', 2); // replacing a value counts its new size only
    expect(lru.bytes).toBe(6);
  });

  it('defaults to a quarter of the memory it is told of, else a fixed size', () => {
    expect(defaultCacheBytes(16 * 1024 ** 3)).toBe(4 * 1024 ** 3);
    expect(defaultCacheBytes()).toBe(FALLBACK_CACHE_BYTES);
  });
});
