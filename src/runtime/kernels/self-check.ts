import { OP_CASES, type OpCase } from './op-cases';
import { type CaseResult, compareWithCpu, finiteDifferenceError } from './op-check';
import { tf } from '../tf';

/** One case's verdict: agreement with 'cpu' (unless cpu is known wrong there) and with finite differences. */
export interface CaseVerdict extends CaseResult {
  /** Directional finite-difference error on the backend under test. */
  fdErr: number;
}

/** One kernel's verdict: it passed only if every case that runs it passed. */
export interface KernelVerdict {
  kernel: string;
  ok: boolean;
  cases: string[];
  failures: string[];
}

export interface CheckReport {
  backend: string;
  /** True when every checked kernel passed. */
  ok: boolean;
  kernels: KernelVerdict[];
  cases: CaseVerdict[];
  ms: number;
}

async function checkCase(c: OpCase, backend: string): Promise<CaseVerdict> {
  const cpu = await compareWithCpu(c, backend);
  let fdErr = Infinity;
  let fdError: string | undefined;
  const before = tf.getBackend();
  try {
    if (before !== backend) await tf.setBackend(backend);
    fdErr = finiteDifferenceError(c, 1, c.fd?.eps ?? 1);
  } catch (e) {
    fdError = (e as Error).message;
  } finally {
    if (before !== backend && before) await tf.setBackend(before);
  }
  const fdOk = fdErr <= (c.fd?.tol ?? 1e-4);
  const cpuOk = cpu.ok || (c.cpuWrong != null && cpu.error?.startsWith('Kernel') !== true);
  const errors = [
    cpuOk ? undefined : cpu.error,
    fdOk ? undefined : (fdError ?? `finite differences disagree by ${fdErr.toExponential(2)} (relative)`),
  ].filter((e): e is string => e != null);
  return { ...cpu, ok: cpuOk && fdOk, fdErr, ...(errors.length > 0 ? { error: errors.join('; ') } : {}) };
}

/**
 * Checks, on `backend`, every kernel a training step of Jimu's blocks runs: forward and gradient of
 * each case in {@link OP_CASES} against tfjs' 'cpu' backend (1e-4 relative) and against finite
 * differences. `quick` runs only the cases marked cheap (what prepareBackend runs at start-up).
 */
export async function checkKernels(backend = 'wasm', options: { quick?: boolean; cases?: OpCase[] } = {}): Promise<CheckReport> {
  const start = Date.now();
  const cases = options.cases ?? OP_CASES.filter((c) => !options.quick || c.quick);
  const verdicts: CaseVerdict[] = [];
  for (const c of cases) verdicts.push(await checkCase(c, backend));
  const byKernel = new Map<string, KernelVerdict>();
  for (const v of verdicts) {
    for (const k of v.kernels) {
      const kv = byKernel.get(k) ?? { kernel: k, ok: true, cases: [], failures: [] };
      kv.cases.push(v.name);
      if (!v.ok) {
        kv.ok = false;
        kv.failures.push(`${v.name}: ${v.error ?? 'failed'}`);
      }
      byKernel.set(k, kv);
    }
  }
  const kernels = [...byKernel.values()].sort((a, b) => a.kernel.localeCompare(b.kernel));
  return { backend, ok: verdicts.every((v) => v.ok), kernels, cases: verdicts, ms: Date.now() - start };
}

/** Names of the kernels that passed in a report. */
export function verifiedKernels(report: CheckReport): string[] {
  return report.kernels.filter((k) => k.ok).map((k) => k.kernel);
}
