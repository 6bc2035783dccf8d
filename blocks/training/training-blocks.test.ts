import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, type PipelineDocument } from '../../src/core';
import { REGISTRY } from '../index';

const template = (): PipelineDocument => JSON.parse(readFileSync(new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8'));

function edit(change: (d: PipelineDocument) => void) {
  const d = template();
  change(d);
  return compile(d, REGISTRY);
}
const param = (d: PipelineDocument, id: string, key: string, value: unknown) => {
  d.blocks.find((b) => b.id === id)!.params[key] = value;
};

describe('Train and Evaluate', () => {
  it('warn at validate time when the Split leaves the Evaluate block no test data, and still plan training', () => {
    const r = edit((d) => {
      param(d, 'split', 'validation', 0.3);
      param(d, 'split', 'test', 0);
    });
    expect(r.diagnostics).toMatchObject([{ code: 'J406', severity: 'warning', block: 'evaluate', port: 'data' }]);
    expect(r.diagnostics[0]!.hint).toMatch(/test fraction above 0/);
    expect(r.plan).toBeDefined();
  });

  it('turn the template into a plan with data, model, training and evaluation', () => {
    const r = compile(template(), REGISTRY);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const plan = r.plan!;
    expect(plan.task).toBe('multiclass');
    expect(plan.labelNames).toEqual(['disc', 'ring']);
    expect(plan.data.train.steps.map((s) => `${s.type}:${s.output}`)).toEqual(['SampleShapes:data', 'Normalize:data', 'Split:train']);
    expect(plan.data.validation!.steps.at(-1)!.output).toBe('validation');
    expect(plan.evaluations).toMatchObject([{ block: 'evaluate', data: { steps: [{}, {}, { output: 'test' }] } }]);
    expect(plan.training).toMatchObject({ epochs: 12, batchSize: 32, keepBest: true, monitor: 'val_loss', monitorMode: 'min', loss: { type: 'categorical_crossentropy', block: 'loss' }, optimizer: { type: 'adam', block: 'adam' } });
    expect(plan.model.inputs).toEqual([{ block: 'input', shape: [null, 32, 32, 1] }]);
    expect(plan.model.output).toEqual({ block: 'dense', shape: [null, 2] });
    expect(plan.cost.params).toBe(14_114);
    expect(plan.cost.trainingBytes).toBeGreaterThan(0);
  });

  it.each([
    ['an image size the data does not have', (d: PipelineDocument) => param(d, 'input', 'height', 64), 'J403', 'train', /Resize/],
    ['a label shape the model does not output', (d: PipelineDocument) => param(d, 'dense', 'units', 3), 'J404', 'train', /Dense layer with 2 units/],
    ['early stopping on validation data that is not connected', (d: PipelineDocument) => {
      param(d, 'train', 'earlyStopping', true);
      d.links = d.links.filter((l) => l.to.port !== 'validation');
    }, 'J304', 'train', /Connect validation data/],
    ['an untrained model sent to Evaluate', (d: PipelineDocument) => {
      d.links.find((l) => l.to.block === 'evaluate' && l.to.port === 'model')!.from = { block: 'loss', port: 'model' };
    }, 'J304', 'evaluate', /Train/],
    ['two Train blocks', (d: PipelineDocument) => {
      d.blocks.push({ id: 'train2', type: 'Train', params: {} });
    }, 'J402', undefined, /one Train block/],
  ])('refuse %s', (_name, change, code, block, hint) => {
    const r = edit(change);
    const d = r.diagnostics.find((x) => x.code === code);
    expect(d, JSON.stringify(r.diagnostics, null, 1)).toBeDefined();
    if (block) expect(d!.block).toBe(block);
    expect(d!.hint).toMatch(hint);
    expect(r.plan).toBeUndefined();
  });

  it('warn, and still plan, when the monitored metric is not measured', () => {
    const r = edit((d) => param(d, 'train', 'monitor', 'val_dice'));
    expect(r.diagnostics).toMatchObject([{ code: 'J406', severity: 'warning', block: 'train' }]);
    expect(r.diagnostics[0]!.hint).toMatch(/val_acc/);
    expect(r.plan).toBeDefined();
  });

  it('warn when training would not fit the memory budget', () => {
    const r = compile(template(), REGISTRY, { memoryBudgetBytes: 1024 * 1024 });
    expect(r.diagnostics.find((d) => d.code === 'J407')?.message).toMatch(/batch size 32/);
  });
});
