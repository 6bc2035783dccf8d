import type { MemoryCheck } from '../../store';

const GiB = 1024 ** 3;

/** What the browser says about memory: all optional, as each browser tells a different part. */
export interface DeviceMemoryHints {
  /** navigator.deviceMemory: the device's RAM in GiB, rounded down and capped (8 in Chrome). */
  deviceMemoryGiB?: number;
  /** performance.memory.jsHeapSizeLimit (Chrome): the most this page's JavaScript heap may grow to. */
  jsHeapLimit?: number;
  /** WebGL's MAX_TEXTURE_SIZE: on WebGL one tensor lives in one texture of at most size² × 4 floats. */
  webglMaxTextureSize?: number;
}

let textureSize: number | null | undefined;

/** Asks a throwaway WebGL2 context once (null: no WebGL here). */
function maxTextureSize(): number | null {
  if (textureSize !== undefined) return textureSize;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    textureSize = gl ? (gl.getParameter(gl.MAX_TEXTURE_SIZE) as number) : null;
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    textureSize = null;
  }
  return textureSize;
}

export function readDeviceMemory(): DeviceMemoryHints {
  const nav = navigator as Navigator & { deviceMemory?: number };
  const perf = performance as Performance & { memory?: { jsHeapSizeLimit?: number } };
  const texture = maxTextureSize();
  return {
    ...(typeof nav.deviceMemory === 'number' ? { deviceMemoryGiB: nav.deviceMemory } : {}),
    ...(typeof perf.memory?.jsHeapSizeLimit === 'number' ? { jsHeapLimit: perf.memory.jsHeapSizeLimit } : {}),
    ...(texture ? { webglMaxTextureSize: texture } : {}),
  };
}

/**
 * How much a training run may use, from the hints: a page gets about half the device's memory at most,
 * and never more than its heap limit; the smallest known bound wins. Null when the browser says nothing.
 */
export function availableMemory(h: DeviceMemoryHints): { bytes: number; source: string } | null {
  const bounds: { bytes: number; source: string }[] = [];
  if (h.deviceMemoryGiB) bounds.push({ bytes: (h.deviceMemoryGiB * GiB) / 2, source: `half of the device's ${h.deviceMemoryGiB} GiB` });
  if (h.jsHeapLimit) bounds.push({ bytes: h.jsHeapLimit, source: 'the browser’s memory limit for this page' });
  if (bounds.length === 0) return null;
  return bounds.reduce((a, b) => (b.bytes < a.bytes ? b : a));
}

/**
 * The warning to show before training, or null when it fits comfortably: the whole estimate under 80 %
 * of the memory offered, and (where WebGL may train) the largest single tensor — a layer's output for
 * a whole batch — within one WebGL texture.
 */
export function memoryCheck(estimateBytes: number, hints: DeviceMemoryHints = readDeviceMemory(), largestTensorBytes = 0): MemoryCheck | null {
  const available = availableMemory(hints);
  if (available && estimateBytes > 0.8 * available.bytes) return { estimateBytes, availableBytes: available.bytes, source: available.source };
  const texture = hints.webglMaxTextureSize;
  if (texture && largestTensorBytes > texture * texture * 16) {
    return { estimateBytes: largestTensorBytes, availableBytes: texture * texture * 16, source: `the largest WebGL texture, ${texture} × ${texture}, for one layer's output` };
  }
  return null;
}

/** Bytes of the largest layer output for a whole batch (4 bytes a value). */
export function largestTensorBytes(cost: { blocks: Record<string, { activations: number }> }, batchSize: number): number {
  return Math.max(0, ...Object.values(cost.blocks).map((b) => b.activations)) * batchSize * 4;
}
