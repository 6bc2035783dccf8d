import { describe, expect, it } from 'vitest';
import { checkQuota, formatBytes, storageNeeded } from './storage-quota';

describe('whether an import fits in the browser’s storage', () => {
  it('needs the files’ bytes with a margin and bookkeeping per file', () => {
    expect(storageNeeded(1_000_000, 10)).toBe(1_050_000 + 40_960);
    expect(storageNeeded(0, 0)).toBe(0);
  });

  it.each([
    ['fits in what is left', 500, { usage: 400, quota: 1000 }, { fits: true }],
    ['fits exactly', 600, { usage: 400, quota: 1000 }, { fits: true }],
    ['does not fit: says what is needed, what is left and the quota', 601, { usage: 400, quota: 1000 }, { fits: false, need: 601, available: 600, quota: 1000 }],
    ['usage above the quota leaves nothing', 1, { usage: 1200, quota: 1000 }, { fits: false, need: 1, available: 0, quota: 1000 }],
    ['an unknown quota is taken to fit', 1e15, {}, { fits: true }],
    ['no estimate at all is taken to fit', 1e15, undefined, { fits: true }],
  ])('%s', (_, need, estimate, expected) => {
    expect(checkQuota(need, estimate)).toEqual(expected);
  });

  it.each([
    [12_345_678, 'en', '12 MB'],
    [1_234_567, 'en', '1.2 MB'],
    [2_500_000_000, 'en', '2.5 GB'],
    [2_500_000_000, 'de', '2,5 GB'],
    [0, 'en', '0 MB'],
  ])('writes %d bytes in %s as %s', (bytes, locale, text) => {
    // Some locales separate the unit with a no-break space.
    expect(formatBytes(bytes, locale).replace(/[\u00a0\u202f]/g, ' ')).toBe(text);
  });
});
