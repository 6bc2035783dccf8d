import { describe, expect, it } from 'vitest';
import { backendOptions, isSoftwareRenderer, probeGpu } from './backend-probe';
import { failureCode } from './failure-code';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)';

describe('backendOptions', () => {
  it.each([
    ['auto', { webgpu: 'nvidia ampere', webgl: NVIDIA }, { gpus: ['webgpu', 'webgl'], skipped: [] }],
    ['auto', { webgpu: null, webgl: NVIDIA }, { gpus: ['webgl'], skipped: [] }],
    ['auto', { webgpu: null, webgl: SWIFTSHADER }, { gpus: [], skipped: ['WebGL (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver) is a software renderer'] }],
    ['auto', { webgpu: 'fallback (software) google', webgl: null }, { gpus: [], skipped: ['WebGPU (fallback (software) google) is a software renderer'] }],
    ['auto', { webgpu: null, webgl: null }, { gpus: [], skipped: [] }],
    ['webgl', { webgpu: null, webgl: SWIFTSHADER }, { backend: 'webgl', gpus: [], skipped: [] }],
    ['cpu', { webgpu: 'x', webgl: NVIDIA }, { backend: 'cpu', gpus: [], skipped: [] }],
  ] as const)('%s with %j', (request, probe, expected) => {
    expect(backendOptions(request, probe)).toEqual(expected);
  });

  it('knows software renderers by name', () => {
    expect(['SwiftShader', 'llvmpipe (LLVM 15.0.7, 256 bits)', 'Microsoft Basic Render Driver'].every(isSoftwareRenderer)).toBe(true);
    expect(isSoftwareRenderer(NVIDIA)).toBe(false);
  });

  it('finds no GPU where there is none (Node)', async () => {
    expect(await probeGpu({})).toEqual({ webgpu: null, webgl: null });
  });
});

describe('failureCode', () => {
  it.each([
    ['Array buffer allocation failed', 'out-of-memory'],
    ['RangeError: WebAssembly.Memory(): could not allocate memory', 'out-of-memory'],
    ['Failed to compile fragment shader: texture size exceeds the max texture size', 'out-of-memory'],
    ['The "webgl" backend is not available here. Leave the backend unset to let Jimu choose one.', 'backend-unavailable'],
    ['The training images have shape [32, 32, 1], but the model input expects [64, 64, 1].', 'data'],
    ['Something else', 'training-error'],
  ] as const)('%s → %s', (detail, code) => {
    expect(failureCode(detail)).toBe(code);
  });
});
