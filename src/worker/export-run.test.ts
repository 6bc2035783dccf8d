import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../blocks';
import type { PipelineDocument } from '../core';
import { bundledPythonFiles } from '../export/python-bundled';
import { registryWithUnsupportedLayer, UNSUPPORTED_LAYER } from '../export/testing/unsupported-block';
import { runExport, type ExportReply } from './export-run';

const template = () => JSON.parse(readFileSync(new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8')) as PipelineDocument;

/** A reply as text for a failure message, the zip's bytes left out. */
const shown = (r: ExportReply) => JSON.stringify(r, (k, v: unknown) => (k === 'zip' ? '(zip)' : v));

async function exportOf(doc: PipelineDocument, registry = REGISTRY) {
  const posted: ExportReply[] = [];
  const reply = await runExport({ type: 'export', doc, pipelineFile: 'shapes.pipeline.json', folder: 'shapes-pytorch' }, registry, bundledPythonFiles, (r) => posted.push(r));
  return { reply, posted };
}

describe('runExport (the export worker)', () => {
  it('zips the project with the sample data under its folder, telling its progress case by case', async () => {
    const doc = template();
    doc.blocks.find((b) => b.id === 'data')!.params = { count: 30, size: 32 };
    const { reply, posted } = await exportOf(doc);
    if (reply.type !== 'export-done') throw new Error(shown(reply));
    expect(reply.cases).toBe(30);
    const entries = unzipSync(reply.zip);
    expect(Object.keys(entries)).toHaveLength(reply.files);
    for (const f of ['plan.json', 'train.py', 'README.md', 'requirements.txt', 'jimu_torch/model.py', 'data/manifest.json', 'data/cases/case_0030/channel0.nii.gz']) expect(entries[`shapes-pytorch/${f}`], f).toBeDefined();
    const stages = posted.map((p) => (p.type === 'export-progress' ? p.progress : null));
    expect(stages[0]).toEqual({ stage: 'data' });
    expect(stages.filter((s) => s?.stage === 'files')).toEqual(Array.from({ length: 30 }, (_, i) => ({ stage: 'files', done: i + 1, total: 30 })));
    expect(stages.at(-1)).toEqual({ stage: 'zip' });
  });

  it('refuses a pipeline with a block that has no PyTorch counterpart with one J501 naming it', async () => {
    const doc = template();
    // Every block Jimu ships has a PyTorch counterpart: the test adds one that has none.
    doc.blocks.find((b) => b.id === 'conv2')!.type = UNSUPPORTED_LAYER;
    const { reply, posted } = await exportOf(doc, registryWithUnsupportedLayer());
    expect(reply).toMatchObject({ type: 'export-refused', reason: 'unsupported', diagnostics: [{ code: 'J501', block: 'conv2' }] });
    expect(posted).toEqual([]);
  });

  it('refuses a pipeline with errors with its error diagnostics', async () => {
    const doc = template();
    doc.links = doc.links.filter((l) => !(l.from.block === 'normalize' && l.to.block === 'split'));
    const { reply } = await exportOf(doc);
    if (reply.type !== 'export-refused') throw new Error(shown(reply));
    expect(reply.reason).toBe('errors');
    expect(reply.diagnostics.length).toBeGreaterThan(0);
    expect(reply.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });
});
