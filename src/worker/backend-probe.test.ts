import { describe, expect, it } from 'vitest';
import { backendOptions, isSoftwareRenderer, probeGpu } from './backend-probe';

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
