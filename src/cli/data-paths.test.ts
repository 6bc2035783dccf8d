import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../core';
import { DataError } from '../data/errors';
import { diskIO } from './files';
import { writePredictions } from './predictions';

const dir = mkdtempSync(join(tmpdir(), 'jimu-data-paths-'));
const data = join(dir, 'data');
mkdirSync(join(data, 'cases'), { recursive: true });
writeFileSync(join(data, 'cases', 'a.csv'), 'inside');
writeFileSync(join(dir, 'secret.txt'), 'outside');
mkdirSync(join(dir, 'elsewhere'));
writeFileSync(join(dir, 'elsewhere', 'b.csv'), 'outside too');
symlinkSync(join(dir, 'secret.txt'), join(data, 'cases', 'link.csv'));
symlinkSync(join(dir, 'elsewhere'), join(data, 'out-folder'));

describe('data paths stay inside --data', () => {
  const io = diskIO(data);
  it('reads files and lists folders inside it', async () => {
    expect(new TextDecoder().decode(await io.readFile('cases/a.csv'))).toBe('inside');
    expect(new TextDecoder().decode(await io.readFile('./cases/../cases/a.csv'))).toBe('inside');
    expect(await io.listFiles('cases')).toEqual(['a.csv', 'link.csv']);
  });

  it.each([
    ['..', '../secret.txt'],
    ['an absolute path', join(dir, 'secret.txt')],
    ['a file link out', 'cases/link.csv'],
    ['a folder link out', 'out-folder/b.csv'],
  ])('refuses %s, saying how to allow it', async (_, path) => {
    const e = await io.readFile(path).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toMatch(/outside the data folder/);
    expect((e as DataError).hint).toMatch(/--allow-outside-data/);
  });

  it('refuses to list a folder outside it', async () => {
    await expect(io.listFiles('..')).rejects.toThrow(/outside the data folder/);
    await expect(io.listFiles('out-folder')).rejects.toThrow(/through a link/);
  });

  it('reads outside with allowOutside (--allow-outside-data)', async () => {
    const open = diskIO(data, { allowOutside: true });
    expect(new TextDecoder().decode(await open.readFile('../secret.txt'))).toBe('outside');
    expect(new TextDecoder().decode(await open.readFile('cases/link.csv'))).toBe('outside');
  });
});

describe('prediction file names from case ids', () => {
  it('never leave predictions/ and truth/, whatever the ids hold', async () => {
    const out = join(dir, 'run');
    const ids = ['../../../escaped', '/etc/passwd', '..', 'a/../../b', '..\\..\\win', 'C:\\x', '.hidden', ''];
    const n = ids.length;
    const set: ExampleSet = {
      x: new Float32Array(n * 8), y: new Float32Array(n * 8), n, imageShape: [2, 2, 2, 1], labelShape: [2, 2, 2, 1],
      ids, groups: ids, labelNames: ['lesion'], task: 'segmentation',
    };
    const written = await writePredictions(out, 'evaluate', 'test', set, new Float32Array(n * 8), [], 0.5);
    expect(written.cases).toHaveLength(n);
    const files = readdirSync(dir, { recursive: true }).map(String);
    for (const f of files) expect(f === 'secret.txt' || /^(data|elsewhere|run)(\/|$)/.test(f), f).toBe(true);
    const inRun = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(out, join(e.parentPath, e.name)));
    expect(inRun).toHaveLength(2 * n);
    for (const f of inRun) expect(f).toMatch(/^(predictions|truth)\/evaluate\/[A-Za-z0-9][A-Za-z0-9._-]*\.nii$/);
  });
});
