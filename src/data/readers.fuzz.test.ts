import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileMutation, mutateBytes } from './testing/file-mutations';
import { fuzzRead, readerFormats } from './testing/reader-formats';

// Every format of bench/fuzz-readers.ts (which runs 10,000 files of each), a few hundred mutated files
// each in the quick tier: every outcome is a result or the reader's typed error with a hint.
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/medical/${name}`, import.meta.url)));

describe('fuzzing every reader', () => {
  it.each(readerFormats(fixture).map((f) => [f.name, f] as const))('%s: mutated files give a result or a typed error', async (_, format) => {
    const outcomes = { read: 0, typed: 0 };
    for (const m of fc.sample(fileMutation(format.seeds.length), { seed: 20261204, numRuns: 150 })) {
      const o = await fuzzRead(format, mutateBytes(format.seeds[m.seed]!, m.edits), m.seed);
      if (o.kind === 'failed') expect.fail(`${String(o.error)} after ${JSON.stringify(m)}`);
      outcomes[o.kind]++;
    }
    expect(outcomes.read + outcomes.typed).toBe(150);
    // The unmutated seeds all read.
    for (const [i, s] of format.seeds.entries()) expect((await fuzzRead(format, s, i)).kind).toBe('read');
  });
});
