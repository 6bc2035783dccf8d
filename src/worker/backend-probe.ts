import type { BackendRequest } from './protocol';

/** What the worker found about the GPU: a WebGPU adapter's description, and the WebGL renderer (null: none). */
export interface GpuProbe {
  webgpu: string | null;
  webgl: string | null;
}

/** Renderers that are a CPU pretending to be a GPU: slower than wasm for training. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|fallback/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

type GpuAdapter = { isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean } };

/** Looks for a WebGPU adapter and for WebGL through an OffscreenCanvas, as the worker sees them. */
export async function probeGpu(scope: { navigator?: unknown; OffscreenCanvas?: unknown } = globalThis): Promise<GpuProbe> {
  let webgpu: string | null = null;
  try {
    const gpu = (scope.navigator as { gpu?: { requestAdapter(): Promise<GpuAdapter | null> } } | undefined)?.gpu;
    const adapter = gpu ? await gpu.requestAdapter() : null;
    if (adapter) {
      const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
      const name = [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(Boolean).join(' ') || 'WebGPU adapter';
      webgpu = fallback ? `fallback (software) ${name}` : name;
    }
  } catch {
    webgpu = null;
  }
  let webgl: string | null = null;
  try {
    const Canvas = scope.OffscreenCanvas as (new (w: number, h: number) => OffscreenCanvas) | undefined;
    const gl = Canvas ? (new Canvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null) : null;
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      webgl = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? 'unknown');
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    webgl = null;
  }
  return { webgpu, webgl };
}

/**
 * How to ask the runtime for a backend. 'auto': WebGPU, then WebGL, each only on a real GPU, else wasm
 * (with its self-check) and cpu — a software renderer (SwiftShader, llvmpipe) trains slower than wasm.
 * An explicit request is passed on as it is, so the runtime says plainly when it cannot start.
 */
export function backendOptions(request: BackendRequest, probe: GpuProbe): { backend?: string; gpus: string[]; skipped: string[] } {
  if (request !== 'auto') return { backend: request, gpus: [], skipped: [] };
  const real = (r: string | null) => r != null && !isSoftwareRenderer(r);
  const gpus = [...(real(probe.webgpu) ? ['webgpu'] : []), ...(real(probe.webgl) ? ['webgl'] : [])];
  const skipped = [
    ...(probe.webgpu != null && !real(probe.webgpu) ? [`WebGPU (${probe.webgpu}) is a software renderer`] : []),
    ...(probe.webgl != null && !real(probe.webgl) ? [`WebGL (${probe.webgl.replace(/^ANGLE \((.*)\)$/, '$1')}) is a software renderer`] : []),
  ];
  return { gpus, skipped };
}
