import { tf } from '../tf';
import type { OpCase } from './op-cases';

/** Deterministic uniform values in [-1, 1) (a small LCG: the check must give the same verdict every run). */
export function seededValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2147483648 - 1;
  }
  return out;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export interface Evaluation {
  out: Float32Array;
  outShape: number[];
  /** Gradients of Σ out·r with respect to the `wrt` inputs. */
  grads: Float32Array[];
}

/** The case's inputs for a seed. */
export function caseInputs(c: OpCase, seed: number): Float32Array[] {
  return c.shapes.map((s, i) => seededValues(size(s), seed * 31 + i + 1));
}

/** Runs a case on the current backend: the op's output and the gradients of Σ out·r. */
export function evaluate(c: OpCase, inputs: Float32Array[], seed: number): Evaluation {
  const wrt = c.wrt ?? c.shapes.map((_, i) => i);
  return tf.tidy(() => {
    const xs = inputs.map((v, i) => tf.tensor(v, c.shapes[i]!));
    const y = c.f(...xs);
    const r = tf.tensor(seededValues(y.size, seed * 17 + 99), y.shape);
    const loss = (...ws: tf.Tensor[]) => {
      const all = xs.slice();
      wrt.forEach((k, j) => (all[k] = ws[j]!));
      return tf.sum(tf.mul(c.f(...all), r));
    };
    const grads = tf.grads(loss)(wrt.map((k) => xs[k]!));
    return { out: y.dataSync() as Float32Array, outShape: y.shape, grads: grads.map((g) => g.dataSync() as Float32Array) };
  });
}

/** max |a − b| / max |ref| (with a floor so an all-zero reference does not divide by zero). */
export function relativeError(ref: Float32Array, got: Float32Array): number {
  if (ref.length !== got.length) return Infinity;
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(ref[i]! - got[i]!);
    if (!(d <= diff)) diff = Number.isNaN(d) ? Infinity : d;
    scale = Math.max(scale, Math.abs(ref[i]!));
  }
  return diff / scale;
}

export interface CaseResult {
  name: string;
  kernels: string[];
  ok: boolean;
  /** The worst relative error over the output and every gradient. */
  maxRelErr: number;
  /** Why it failed: an exception's message or which part disagreed. */
  error?: string;
}

/** Switches backend for the duration of `fn` and switches back. */
async function onBackend<T>(name: string, fn: () => T): Promise<T> {
  const before = tf.getBackend();
  if (before !== name) await tf.setBackend(name);
  try {
    return fn();
  } finally {
    if (before !== name && before) await tf.setBackend(before);
  }
}

/**
 * Runs a case on `backend` and on 'cpu' (the reference: pure JS, slow, correct) and compares the op's
 * output and every gradient to `tol` relative.
 */
export async function compareWithCpu(c: OpCase, backend: string, tol = 1e-4, seed = 1): Promise<CaseResult> {
  const inputs = caseInputs(c, seed);
  const res = { name: c.name, kernels: c.kernels };
  let ref: Evaluation;
  let got: Evaluation;
  try {
    ref = await onBackend('cpu', () => evaluate(c, inputs, seed));
    got = await onBackend(backend, () => evaluate(c, inputs, seed));
  } catch (e) {
    return { ...res, ok: false, maxRelErr: Infinity, error: (e as Error).message };
  }
  const parts = [relativeError(ref.out, got.out), ...ref.grads.map((g, i) => relativeError(g, got.grads[i] ?? new Float32Array()))];
  const maxRelErr = Math.max(...parts);
  const worst = parts.indexOf(maxRelErr);
  const ok = maxRelErr <= tol;
  return ok ? { ...res, ok, maxRelErr } : { ...res, ok, maxRelErr, error: `${worst === 0 ? 'output' : `gradient of input ${worst - 1}`} differs from cpu by ${maxRelErr.toExponential(2)} (relative)` };
}

/**
 * Directional finite differences on the current backend: for random directions v, compares
 * (L(x + εv) − L(x − εv)) / 2ε with ⟨∇L, v⟩, where L = Σ f(x)·r is summed in float64.
 * For ops that are linear in the input (convolutions, pooling by average, resizing, concatenation)
 * ε = 1 makes the difference exact up to rounding, so `tol` can be 1e-4.
 */
export function finiteDifferenceError(c: OpCase, seed = 1, eps = 1, directions = 2): number {
  const inputs = caseInputs(c, seed);
  const ev = evaluate(c, inputs, seed);
  const r = seededValues(ev.out.length, seed * 17 + 99);
  const loss = (xs: Float32Array[]) =>
    tf.tidy(() => {
      const y = c.f(...xs.map((v, i) => tf.tensor(v, c.shapes[i]!))).dataSync();
      let s = 0;
      for (let i = 0; i < y.length; i++) s += y[i]! * r[i]!;
      return s;
    });
  const wrt = c.wrt ?? c.shapes.map((_, i) => i);
  let worst = 0;
  wrt.forEach((k, j) => {
    for (let t = 0; t < directions; t++) {
      const v = seededValues(inputs[k]!.length, seed * 1000 + k * 10 + t + 7);
      const plus = inputs.slice();
      const minus = inputs.slice();
      plus[k] = inputs[k]!.map((x, i) => x + eps * v[i]!);
      minus[k] = inputs[k]!.map((x, i) => x - eps * v[i]!);
      const numeric = (loss(plus) - loss(minus)) / (2 * eps);
      const g = ev.grads[j]!;
      let analytic = 0;
      let scale = 0;
      for (let i = 0; i < g.length; i++) {
        analytic += g[i]! * v[i]!;
        scale += Math.abs(g[i]! * v[i]!);
      }
      worst = Math.max(worst, Math.abs(numeric - analytic) / Math.max(scale, 1e-6));
    }
  });
  return worst;
}
