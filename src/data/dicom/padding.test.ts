import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deidentify } from '../deid/deidentify';
import { readFolder, readVolume } from '../medical';
import { MedicalFileError } from '../medical-error';
import { parseDicom } from './parse';

const fixtures = new URL('../fixtures/medical/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, fixtures)));
/** pydicom's reading of CT_small.dcm followed by 64 KiB of zeros (scripts/oracles/attacks.py). */
const padded = (JSON.parse(readFileSync(new URL('attacks/attacks.json', fixtures), 'utf8')) as {
  padded: { file: string; rows: number; columns: number; elements: number; sum: number; min: number; max: number; first: number[] };
}).padded;

describe('zero padding after the data set', () => {
  it('reads as pydicom reads it, and says the padding was ignored', async () => {
    const v = await readVolume(read(`attacks/${padded.file}`));
    expect(v.shape).toEqual([padded.columns, padded.rows, 1]);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const x of v.data) {
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect([sum, min, max]).toEqual([padded.sum, padded.min, padded.max]);
    expect([...v.data.subarray(0, 5)]).toEqual(padded.first);
    expect(v.meta.warnings).toEqual(['The file ends with 65536 bytes of zero padding after its data; they were ignored.']);
    expect(parseDicom(read(`attacks/${padded.file}`)).dataset.elements.size).toBe(padded.elements);
  });

  it('keeps a padded slice in its series', async () => {
    const first = read('series_mr_0.dcm');
    const withPadding = new Uint8Array(first.length + 4096);
    withPadding.set(first);
    const [series] = await readFolder([{ name: 'a.dcm', bytes: withPadding }, { name: 'b.dcm', bytes: read('series_mr_1.dcm') }]);
    expect(series?.error).toBeUndefined();
    expect(series?.volume?.shape[2]).toBe(2);
    expect(series?.volume?.meta.warnings).toEqual(['a.dcm: The file ends with 4096 bytes of zero padding after its data; they were ignored.']);
  });

  it('is imported (de-identified without the padding), with the warning', async () => {
    const r = deidentify(read(`attacks/${padded.file}`), { salt: 's' });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(['The file ends with 65536 bytes of zero padding after its data; they were ignored.']);
    if (r.ok) expect((await readVolume(r.bytes)).meta.warnings).toBeUndefined();
  });

  it('still refuses trailing bytes that are not all zero', () => {
    const ct = read('CT_small.dcm');
    const junk = new Uint8Array(ct.length + 64);
    junk.set(ct);
    junk[ct.length + 40] = 7;
    expect(() => parseDicom(junk)).toThrow(MedicalFileError);
  });
});
