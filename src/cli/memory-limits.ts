import { constants } from 'node:buffer';
import { totalmem } from 'node:os';
import { formatBytes, WASM32_HEAP_BYTES, type MemoryLimits } from '../core';

/**
 * What `jimu train` can hold on this machine with the backend it will use: the wasm backend keeps every
 * tensor in one wasm32 heap (at most 4 GiB, whatever the machine has); the cpu backend keeps each tensor
 * in one typed array; and the whole run must fit in the machine's memory.
 */
export function nodeMemoryLimits(backend?: string, machineBytes = totalmem()): MemoryLimits {
  const machine = { bytes: machineBytes, where: { en: `this machine (${formatBytes(machineBytes)} of memory)`, zh: `这台机器（内存 ${formatBytes(machineBytes)}）` } };
  if (backend === 'cpu') return { largestTensor: { bytes: constants.MAX_LENGTH, where: { en: 'one typed array on the cpu backend', zh: 'cpu 后端的单个类型化数组' } }, total: machine };
  if (backend !== undefined && backend !== 'wasm') return { total: machine };
  const heap = { bytes: WASM32_HEAP_BYTES, where: { en: "the wasm backend's heap (wasm32)", zh: 'wasm 后端的堆（wasm32）' } };
  return { tensors: heap, largestTensor: heap, total: machine };
}
