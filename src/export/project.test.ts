import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import { parseDocument, type DataIO } from '../core';
import { main } from '../cli/main';
import { assembleExport, gzipFile } from './project';
import { exportZip } from './project-zip';
import { bundledPythonFiles } from './python-bundled';

const template = new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jimu-project-'));
/** Sample sources read no files; a read here would be a bug. */
const NO_FILES: DataIO = { readFile: (p) => Promise.reject(new Error(`read ${p}`)), listFiles: (d) => Promise.reject(new Error(`list ${d}`)) };

function filesUnder(root: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p).split('\\').join('/'), new Uint8Array(readFileSync(p)));
    }
  };
  walk(root);
  return out;
}

const same = (a: Uint8Array, b: Uint8Array | undefined) => !!b && a.length === b.length && a.every((v, i) => v === b[i]);

describe('assembleExport: the one export behind jimu export and the app', () => {
  it('gives the app, from the document and the bundled Python sources, the files jimu export --with-data writes: the same paths and bytes', async () => {
    const out = join(dir, 'cli');
    const err: string[] = [];
    const code = await main(['export', template, '--target', 'pytorch', '--out', out, '--with-data'], { out: () => {}, err: (s) => err.push(s) });
    expect(code, err.join('\n')).toBe(0);
    const disk = filesUnder(out);

    const doc = parseDocument(readFileSync(template, 'utf8')).document!;
    const app = await assembleExport(doc, { registry: REGISTRY, python: bundledPythonFiles, withData: 'if-sample', io: NO_FILES, pipelineFile: template });
    if (!app.ok) throw new Error(JSON.stringify(app));
    expect(app.cases).toBe(480);
    expect(app.files.map((f) => f.path).sort()).toEqual([...disk.keys()].sort());
    expect(app.files.filter((f) => !same(f.bytes, disk.get(f.path))).map((f) => f.path)).toEqual([]);
    // The Python package is all there (the bundle's glob and the CLI's folder listing agree, and are not empty).
    const python = app.files.filter((f) => f.path.endsWith('.py')).map((f) => f.path);
    expect(python).toContain('train.py');
    expect(python).toContain('jimu_torch/model.py');
    expect(python.length).toBe(1 + readdirSync(new URL('../../python/jimu_torch/', import.meta.url)).filter((n) => n.endsWith('.py')).length);
  });

  it('compresses with no time stamp, so the bytes depend on the content alone, and gunzip gives the content back', () => {
    const content = new TextEncoder().encode('a NIfTI file, in spirit');
    const z = gzipFile(content);
    expect([...z.subarray(4, 8)]).toEqual([0, 0, 0, 0]); // MTIME
    expect(gunzipSync(z)).toEqual(content);
  });

  it('zips the files under one folder, each with its own bytes', async () => {
    const doc = parseDocument(readFileSync(template, 'utf8')).document!;
    doc.blocks.find((b) => b.id === 'data')!.params = { count: 20, size: 32 };
    const app = await assembleExport(doc, { registry: REGISTRY, python: bundledPythonFiles, withData: 'if-sample', io: NO_FILES, pipelineFile: 'shapes.pipeline.json' });
    if (!app.ok) throw new Error(JSON.stringify(app));
    const entries = unzipSync(exportZip(app.files, 'shapes-pytorch'));
    expect(Object.keys(entries).sort()).toEqual(app.files.map((f) => `shapes-pytorch/${f.path}`).sort());
    for (const f of app.files) expect(same(f.bytes, entries[`shapes-pytorch/${f.path}`]), f.path).toBe(true);
  });

  it('refuses withData "always" for a source that reads files, and writes no data/ for it with "if-sample"', async () => {
    const doc = parseDocument(readFileSync(new URL('../../public/templates/brain-age.pipeline.json', import.meta.url), 'utf8')).document!;
    const source = doc.blocks.find((b) => b.id === 'data')!;
    source.type = 'VolumeFolder';
    source.params = { folder: 'cohort', modalities: ['t1'], labelKind: 'number', size: [32, 32, 32] };
    const options = { registry: REGISTRY, python: bundledPythonFiles, io: NO_FILES, pipelineFile: 'cohort.pipeline.json' };
    const always = await assembleExport(doc, { ...options, withData: 'always' });
    expect(always).toMatchObject({ ok: false, reason: 'reads-files', source: { block: 'data', type: 'VolumeFolder' } });
    const ifSample = await assembleExport(doc, { ...options, withData: 'if-sample' });
    if (!ifSample.ok) throw new Error(JSON.stringify(ifSample));
    expect(ifSample.cases).toBeNull();
    expect(ifSample.files.some((f) => f.path.startsWith('data/'))).toBe(false);
    expect(new TextDecoder().decode(ifSample.files.find((f) => f.path === 'README.md')!.bytes)).toContain('Pass the dataset folder with `--data DIR`');
  });
});
