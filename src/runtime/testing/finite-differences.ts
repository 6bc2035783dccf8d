import { tf } from '../tf';

/**
 * The gradient of `f` at `x` from autodiff and from central differences, element by element, so a
 * test can compare them. `f` must give the same function on every call (fresh seeded layers for dropout).
 */
export function gradientCheck(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, eps = 1e-2): { analytic: number[]; numeric: number[] } {
  const analytic = tf.tidy(() => Array.from(tf.grad(f)(x).dataSync()));
  const base = x.dataSync().slice();
  const numeric = base.map((_, i) =>
    tf.tidy(() => {
      const plus = base.slice();
      const minus = base.slice();
      plus[i]! += eps;
      minus[i]! -= eps;
      const fp = f(tf.tensor(plus, x.shape)).dataSync()[0]!;
      const fm = f(tf.tensor(minus, x.shape)).dataSync()[0]!;
      return (fp - fm) / (2 * eps);
    }),
  );
  return { analytic, numeric: Array.from(numeric) };
}

/** A deterministic tensor of distinct values (no ties, so max pooling has a unique winner). */
export function distinctValues(shape: number[], seed = 1): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return tf.tensor(order.map((k) => (k - n / 2) / 4), shape);
}
