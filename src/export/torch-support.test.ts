import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCKS, REGISTRY } from '../../blocks';
import { compile, formatDiagnostic, isModelBlock, parseDocument } from '../core';
import { patchTrainedPipeline } from '../cli/testing/patch-trained';
import { exportProblems } from './pytorch';
import { python, PYTHON_SRC, torchMissing } from './testing/python';
import { DATA_BLOCKS, LAYER_CLASSES, LOSS_TYPES, OPTIMIZER_TYPES } from './torch-support';

/** Every Keras class a layer block lowers to, from its default parameters and each choice of an enum parameter. */
function loweredClasses(): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of BLOCKS) {
    if (!isModelBlock(def)) continue;
    const defaults = def.params.parse({}) as Record<string, unknown>;
    const variants: Record<string, unknown>[] = [defaults];
    for (const [key, schema] of Object.entries(def.params.shape)) {
      const options = (schema as { unwrap?: () => { options?: unknown[] } }).unwrap?.().options;
      if (Array.isArray(options)) for (const o of options) variants.push({ ...defaults, [key]: o });
    }
    for (const v of variants) {
      const parsed = def.params.safeParse(v);
      if (!parsed.success) continue;
      const p = parsed.data as Record<string, unknown>;
      const lowering = def.lower!(p, { seed: 1, inputShapes: [[null, 8, 8, 8, 2]], outputShape: [null, 8, 8, 8, 2] });
      out.set(lowering.className, def.type);
    }
  }
  return out;
}

describe('what the PyTorch export supports', () => {
  it('has a PyTorch lowering for every class a layer block lowers to', () => {
    const lowered = loweredClasses();
    expect(lowered.size).toBeGreaterThan(25);
    const missing = [...lowered].filter(([cls]) => cls !== 'InputLayer' && !(cls in LAYER_CLASSES)).map(([cls, block]) => `${cls} (from ${block})`);
    expect(missing).toEqual([]);
  });

  it('exports patches kept together per read and whole-volume evaluation by sliding windows (jimu_torch trains and scores them as Jimu does)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jimu-perread-'));
    const doc = parseDocument(readFileSync(patchTrainedPipeline(dir, 'glioma-segmentation.pipeline.json', { size: 32, patch: 16, count: 8, epochs: 1 }), 'utf8')).document!;
    rmSync(dir, { recursive: true, force: true });
    const patches = doc.blocks.find((b) => b.id === 'patch_train')!;
    patches.params = { ...patches.params, perRead: 2 };
    const plan = compile(doc, REGISTRY).plan!;
    expect(plan.evaluations.find((e) => e.block === 'whole')!.slidingWindow).toBeDefined();
    expect(exportProblems(plan)).toEqual([]);
  });

  it('runs every data block Jimu has in jimu_torch (Image Folder with Pillow)', () => {
    const data = BLOCKS.filter((b) => b.run).map((b) => b.type).sort();
    expect(data).toEqual([...DATA_BLOCKS].sort());
  });

  it('still refuses, naming each block once, what jimu_torch does not implement', () => {
    const plan = compile(readFileSync(new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8'), REGISTRY).plan!;
    const changed = structuredClone(plan);
    changed.model.topology.config.layers.find((l) => l.name === 'conv2')!.class_name = 'DeformableConv2D';
    changed.data.train.steps.find((s) => s.block === 'normalize')!.type = 'HistogramMatch';
    const problems = exportProblems(changed);
    expect(problems.map((d) => [d.code, d.block])).toEqual([['J501', 'conv2'], ['J501', 'normalize']]);
    expect(formatDiagnostic(problems[0]!)).toMatch(/"conv2" \(DeformableConv2D\) has no PyTorch counterpart/);
    expect(formatDiagnostic(problems[1]!, 'zh')).toMatch(/HistogramMatch/);
  });

  it.skipIf(torchMissing())('lists the same layers, data steps, losses and optimizers as jimu_torch', () => {
    const py = JSON.parse(
      python([
        '-c',
        `import sys, json; sys.path.insert(0, ${JSON.stringify(PYTHON_SRC)})
from jimu_torch.layers import LAYERS
from jimu_torch.data import DATA_STEPS
from jimu_torch.losses import LOSSES
print(json.dumps({"layers": sorted(LAYERS), "data": sorted(DATA_STEPS), "losses": sorted(LOSSES)}))`,
      ]),
    ) as { layers: string[]; data: string[]; losses: string[] };
    expect(py.layers).toEqual(Object.keys(LAYER_CLASSES).sort());
    expect(py.data).toEqual([...DATA_BLOCKS].sort());
    expect(py.losses).toEqual([...LOSS_TYPES].sort());
    expect([...OPTIMIZER_TYPES].sort()).toEqual(['adam', 'rmsprop', 'sgd']);
  });
});
