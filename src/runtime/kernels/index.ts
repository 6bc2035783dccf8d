/**
 * Jimu's kernel package for training on the CPU with TensorFlow.js' wasm backend: the kernels the
 * stock backend lacks or gets wrong (built on its XNNPACK GEMM), gradient fixes, the self-check that
 * proves them against 'cpu' and finite differences, and prepareBackend(), which only trains on wasm
 * when every kernel a model needs passed.
 */
export { prepareBackend, type PreparedBackend, type PrepareOptions } from './prepare-backend';
export { checkKernels, verifiedKernels, type CheckReport, type KernelVerdict, type CaseVerdict } from './self-check';
export { kernelsForLayers, verifiedLayers, LAYER_KERNELS } from './model-kernels';
export { registerJimuWasmKernels, JIMU_WASM_KERNELS } from './register';
export { OP_CASES, type OpCase } from './op-cases';
