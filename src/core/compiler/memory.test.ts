import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { compile } from './compile';
import { MEMORY_MODEL, WASM32_HEAP_BYTES, memoryOverrun, type MemoryLimits } from './memory';

type Doc = { blocks: { id: string; type: string; params: Record<string, unknown> }[] };
const template = (name: string): Doc => JSON.parse(readFileSync(new URL(`../../../public/templates/${name}.pipeline.json`, import.meta.url), 'utf8'));
const set = (d: Doc, id: string, params: Record<string, unknown>) => Object.assign(d.blocks.find((b) => b.id === id || b.type === id)!.params, params);
const GiB = 1024 ** 3;
const wasm: MemoryLimits = { tensors: { bytes: WASM32_HEAP_BYTES, where: { en: "the wasm backend's heap", zh: 'wasm 堆' } }, total: { bytes: 16 * GiB, where: { en: 'this machine', zh: '这台机器' } } };

/** The two models that crashed `jimu train` with "Invalid typed array length" after loading their data. */
function hugeConv3D(): Doc {
  const d = template('brain-age');
  set(d, 'conv1', { filters: 4096, kernelSize: 31 });
  return d;
}
function unet96(batchSize = 3): Doc {
  const d = template('glioma-segmentation');
  set(d, 'SampleGlioma', { size: 96, count: 20 });
  set(d, 'VolumeInput', { depth: 96, height: 96, width: 96 });
  set(d, 'UNet3D', { depth: 4, baseFilters: 16 });
  set(d, 'Train', { batchSize });
  return d;
}

describe('models that cannot fit are refused with the numbers', () => {
  it.each([
    ['a Conv3D of 4096 filters × kernel 31', hugeConv3D, /its tensors need about 8\.\d GiB/],
    ['a 96³ 3D U-Net, depth 4, base 16, batch 3', () => unet96(3), /its tensors need about 5\.\d GiB/],
  ])('%s: J409, no plan, and what to change', (_name, make, need) => {
    const r = compile(make(), REGISTRY, { memoryLimits: wasm });
    const d = r.diagnostics.find((x) => x.code === 'J409');
    expect(d, JSON.stringify(r.diagnostics)).toMatchObject({ severity: 'error', block: 'train' });
    expect(d!.message).toMatch(need);
    expect(d!.message).toMatch(/the wasm backend's heap holds at most 4\.0 GiB/);
    expect(d!.hint).toMatch(/batch size \(now \d+\).*patch size.*filters.*GPU/);
    expect(r.plan).toBeUndefined();
  });

  it('the 96³ U-Net fits at batch 1 (it trains: bench/memory-96.ts), about 1.7 GiB of tensors', () => {
    const r = compile(unet96(1), REGISTRY, { memoryLimits: wasm });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.plan!.cost.memory!.tensors / GiB).toBeGreaterThan(1.5);
    expect(r.plan!.cost.memory!.tensors / GiB).toBeLessThan(2);
  });

  it('every template fits the wasm heap and a machine of 4 GiB', () => {
    for (const name of ['sample-shapes', 'fundus-screening', 'brain-age', 'glioma-segmentation', 'dose-prediction', 'petct-lesions']) {
      const r = compile(template(name), REGISTRY, { memoryLimits: { ...wasm, total: { bytes: 4 * GiB, where: { en: 'a 4 GiB machine', zh: '4 GiB' } } } });
      expect(r.diagnostics.filter((d) => d.severity === 'error'), name).toEqual([]);
      expect(r.plan!.cost.memory!.total).toBe(r.plan!.cost.trainingBytes);
    }
  });

  it('splits the estimate into runtime, data and tensors, and counts the sample data', () => {
    const m = compile(template('sample-shapes'), REGISTRY).plan!.cost.memory!;
    expect(m.runtime).toBe(MEMORY_MODEL.runtimeBytes);
    expect(m.data).toBe(480 * 4 * (32 * 32 + 2) * MEMORY_MODEL.dataCopies);
    expect(m.total).toBe(m.runtime + m.data + m.tensors);
    expect(m.largestTensor).toBeGreaterThan(0);
  });

  it('checks the tensors first, then the largest tensor, then the whole run', () => {
    const e = { total: 10, runtime: 1, data: 1, tensors: 8, largestTensor: 5 };
    const b = (bytes: number) => ({ bytes, where: { en: 'x', zh: 'x' } });
    expect(memoryOverrun(e, { tensors: b(7), total: b(5) })).toMatchObject({ need: 8, limit: 7 });
    expect(memoryOverrun(e, { largestTensor: b(4), total: b(5) })).toMatchObject({ need: 5, limit: 4 });
    expect(memoryOverrun(e, { total: b(9) })).toMatchObject({ need: 10, limit: 9 });
    expect(memoryOverrun(e, { tensors: b(8), largestTensor: b(5), total: b(10) })).toBeUndefined();
  });
});
