import { REQUESTED_EXPLICITLY } from '../slow-backend';
import { tf } from '../tf';
import { kernelsForLayers } from './model-kernels';
import { registerJimuWasmKernels } from './register';
import { type CheckReport, checkKernels, verifiedKernels } from './self-check';
import { initSimd } from './simd';
import type { WasmBackend } from './wasm-heap';

export interface PreparedBackend {
  /** The backend tfjs now uses. */
  backend: string;
  /** Kernels proven on it by the self-check (empty for 'cpu', the reference itself). */
  kernels: string[];
  /** Plain words on why, for the log, the dashboard and the run manifest. */
  reason: string;
  /** The self-check behind the choice, when one ran. */
  report?: CheckReport;
}

export interface PrepareOptions {
  /** Where the wasm binaries are served from in a browser (tfjs' setWasmPaths); Node finds them itself. */
  wasmPaths?: string | Record<string, string>;
  /** Layer classes of the model to train: only their kernels must pass. Default: every kernel checked. */
  layers?: Iterable<string>;
  /** Run only the cases marked quick (about half the time; the full check takes about half a second). */
  quick?: boolean;
}

let cached: { report: CheckReport; full: boolean } | undefined;

async function trySet(name: string): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/**
 * Sets up the backend Jimu trains on. With no preference (or 'wasm'): starts the wasm backend,
 * registers Jimu's kernels on it, runs the kernel self-check (cheap shapes, once per process), and
 * keeps wasm only if every kernel the model needs passed; otherwise falls back to 'cpu' and says why.
 * Any other preference is honoured as asked (it is the caller's explicit choice).
 */
export async function prepareBackend(preferred?: string, options: PrepareOptions = {}): Promise<PreparedBackend> {
  if (preferred != null && preferred !== 'wasm') {
    if (!(await trySet(preferred))) throw new Error(`The "${preferred}" backend is not available here. Leave the backend unset to let Jimu choose one.`);
    await tf.ready();
    return { backend: preferred, kernels: [], reason: REQUESTED_EXPLICITLY };
  }
  // Imported here, not at module load: registering the wasm backend (priority 2, async start-up)
  // would otherwise become tfjs' default for code that never chose a backend, and fail synchronously.
  let wasmModule: typeof import('@tensorflow/tfjs-backend-wasm') | undefined;
  try {
    wasmModule = await import('@tensorflow/tfjs-backend-wasm');
  } catch {
    wasmModule = undefined;
  }
  if (wasmModule != null && options.wasmPaths != null) wasmModule.setWasmPaths(options.wasmPaths as string);
  const fallback = async (why: string, report?: CheckReport): Promise<PreparedBackend> => {
    if (preferred === 'wasm') throw new Error(`The wasm backend cannot train this model here: ${why}`);
    await tf.setBackend('cpu');
    return { backend: 'cpu', kernels: [], reason: `${why}; training on the cpu backend (slow but correct)`, ...(report ? { report } : {}) };
  };
  if (wasmModule == null || !(await trySet('wasm'))) return fallback('the wasm backend did not start');
  registerJimuWasmKernels();
  const simdReady = await initSimd(tf.backend() as unknown as WasmBackend);
  const full = options.quick !== true;
  if (cached == null || (full && !cached.full)) cached = { report: await checkKernels('wasm', { quick: !full }), full };
  const report = cached.report;
  await tf.setBackend('wasm');
  const passed = new Set(verifiedKernels(report));
  const needed = options.layers != null ? kernelsForLayers(options.layers) : { kernels: report.kernels.map((k) => k.kernel), unknown: [] };
  if (needed.unknown.length > 0) return fallback(`no kernel list for layer(s) ${needed.unknown.join(', ')}`, report);
  const failed = needed.kernels.filter((k) => !passed.has(k));
  if (failed.length > 0) {
    const detail = report.kernels.filter((k) => failed.includes(k.kernel)).flatMap((k) => k.failures.slice(0, 1));
    return fallback(`wasm kernel self-check failed for ${failed.join(', ')}${detail.length ? ` (${detail.join('; ')})` : ''}`, report);
  }
  return {
    backend: 'wasm',
    kernels: needed.kernels,
    reason: `wasm (XNNPACK${simdReady ? ' + Jimu SIMD helpers' : ', Jimu helpers in JavaScript'}) with Jimu's kernels; ${needed.kernels.length} kernels passed the self-check against cpu and finite differences in ${report.ms} ms`,
    report,
  };
}
