import { describe, expect, it } from 'vitest';
import { progressPrinter } from './progress';

const start = (backend: string, backendReason: string) => {
  let out = '';
  progressPrinter((s) => (out += s), false)({ type: 'run-start', backend, backendReason, epochs: 1, batchesPerEpoch: 1, trainExamples: 4, validationExamples: 0, monitor: 'loss', notes: [] });
  return out;
};

describe('the CLI progress display', () => {
  it('warns loudly when training fell back to the cpu backend, with the reason', () => {
    const out = start('cpu', 'no kernel list for layer(s) SomeNewLayer; training on the cpu backend (slow but correct)');
    expect(out).toMatch(/^warning: training on the cpu backend, about 250 times slower than wasm: no kernel list for layer\(s\) SomeNewLayer/m);
    expect(out).toMatch(/--backend cpu/);
  });

  it.each([
    ['cpu', 'requested explicitly'],
    ['wasm', 'wasm (XNNPACK) with Jimu kernels'],
  ])('stays quiet on %s (%s)', (backend, reason) => {
    expect(start(backend, reason)).not.toMatch(/warning/);
  });
});
