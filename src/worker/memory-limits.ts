import { WASM32_HEAP_BYTES, type MemoryLimits } from '../core';

/**
 * What a training run in the browser can hold, for the backend it will get: on wasm (asked for, or
 * chosen because no real GPU is there) every tensor lives in one wasm32 heap of at most 4 GiB. A GPU's
 * memory is not known to the page, so a run that may go to a GPU is checked against the device only.
 * `navigator.deviceMemory` is capped (8 in Chrome): only a smaller value is a real bound.
 */
export function browserMemoryLimits(choice: { backend?: string; gpus: readonly string[] }, deviceMemoryGiB?: number): MemoryLimits {
  const device = deviceMemoryGiB !== undefined && deviceMemoryGiB < 8 ? { total: { bytes: deviceMemoryGiB * 1024 ** 3, where: { en: `this device (${deviceMemoryGiB} GiB of memory)`, zh: `这台设备（内存 ${deviceMemoryGiB} GiB）` } } } : {};
  const onWasm = choice.backend === 'wasm' || (choice.backend === undefined && choice.gpus.length === 0);
  if (!onWasm) return device;
  const heap = { bytes: WASM32_HEAP_BYTES, where: { en: "the wasm backend's heap (wasm32)", zh: 'wasm 后端的堆（wasm32）' } };
  return { tensors: heap, largestTensor: heap, ...device };
}
