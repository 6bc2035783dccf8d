/// <reference lib="webworker" />
/**
 * The training worker: trains with the same src/runtime code as the `jimu` command, off the page's
 * main thread. All logic is in TrainingSession; this file wires it to the worker's messages.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { probeGpu } from './backend-probe';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol';
import { DataError } from '../data/errors';
import { DatasetsDatabase, importedDataIO } from '../storage/datasets-db';
import { TrainingSession } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

// Handle messages from the first moment; they wait for the GPU probe (an async WebGPU adapter request).
const ready = probeGpu(scope).then((probe) => {
  post({ type: 'ready', v: PROTOCOL_VERSION, gpu: probe });
  return new TrainingSession({
    post,
    probe,
    // Data blocks read the datasets imported on the Datasets page (IndexedDB is open to workers too).
    io: importedDataIO(
      new DatasetsDatabase(),
      (path) => new DataError(`This pipeline reads "${path}", which is in none of the imported datasets.`, 'Import that folder on the Datasets page (the data block names it as it is called there), or train with the jimu command.'),
    ),
    wasmPaths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded },
    loadWebGpu: async () => {
      await import('@tensorflow/tfjs-backend-webgpu');
    },
    ...(typeof (scope.navigator as { deviceMemory?: unknown }).deviceMemory === 'number' ? { deviceMemoryGiB: (scope.navigator as { deviceMemory?: number }).deviceMemory } : {}),
  });
});

scope.onmessage = (e: MessageEvent<ToWorker>) => void ready.then((session) => session.handle(e.data));
