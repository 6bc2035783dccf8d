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

/** Data blocks the export does not run yet: a pipeline with one is refused with J501 (see export.test.ts). */
const NOT_EXPORTED = ['ImageFolder'];

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

  it('refuses patches kept together per read (the training order jimu_torch does not reproduce), naming the block', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jimu-perread-'));
    const doc = parseDocument(readFileSync(patchTrainedPipeline(dir, 'glioma-segmentation.pipeline.json', { size: 32, patch: 16, count: 8, epochs: 1 }), 'utf8')).document!;
    rmSync(dir, { recursive: true, force: true });
    const patches = doc.blocks.find((b) => b.id === 'patch_train')!;
    expect(exportProblems(compile(doc, REGISTRY).plan!)).toEqual([]);
    patches.params = { ...patches.params, perRead: 2 };
    const problems = exportProblems(compile(doc, REGISTRY).plan!);
    expect(problems.map((d) => [d.code, d.block])).toEqual([['J501', 'patch_train']]);
    expect(formatDiagnostic(problems[0]!)).toMatch(/PatchSample with 2 patches per scan per read/);
  });

  it('decides for every data block: run by jimu_torch, or refused', () => {
    const data = BLOCKS.filter((b) => b.run).map((b) => b.type).sort();
    expect(data).toEqual([...DATA_BLOCKS, ...NOT_EXPORTED].sort());
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
