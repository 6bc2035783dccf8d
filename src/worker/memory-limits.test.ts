import { describe, expect, it } from 'vitest';
import { WASM32_HEAP_BYTES } from '../core';
import { browserMemoryLimits } from './memory-limits';

const GiB = 1024 ** 3;

describe('memory limits of a training run in the browser', () => {
  it('in the browser, bounds a run by the wasm heap only where it trains on wasm', () => {
    expect(browserMemoryLimits({ gpus: [] }).tensors?.bytes).toBe(WASM32_HEAP_BYTES);
    expect(browserMemoryLimits({ backend: 'wasm', gpus: [] }).tensors?.bytes).toBe(WASM32_HEAP_BYTES);
    expect(browserMemoryLimits({ gpus: ['webgpu'] }).tensors).toBeUndefined();
    expect(browserMemoryLimits({ gpus: [] }, 4).total?.bytes).toBe(4 * GiB);
    expect(browserMemoryLimits({ gpus: [] }, 8).total).toBeUndefined(); // Chrome caps deviceMemory at 8
  });
});
