/**
 * A symbolic tensor shape. `null` is a dimension that is only known at run time (the batch).
 * Model tensors always carry the batch as their first dimension: `[null, 64, 64, 3]`.
 */
export type Shape = (number | null)[];

/** `[batch, 64, 64, 3]` — how shapes are written in every message a user reads. */
export function formatShape(shape: Shape): string {
  return `[${shape.map((d, i) => (d === null ? (i === 0 ? 'batch' : '?') : String(d))).join(', ')}]`;
}

/** Number of elements per example (everything but the batch); null when a dimension is unknown. */
export function elementsPerExample(shape: Shape): number | null {
  let n = 1;
  for (const d of shape.slice(1)) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Shapes are compatible when they have the same rank and agree wherever both are known. */
export function compatibleShapes(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/** Output length of a convolution or pooling window along one axis (TensorFlow's rule). */
export function convOutputLength(
  length: number,
  kernel: number,
  stride: number,
  padding: 'same' | 'valid',
  dilation = 1,
): number {
  const effective = (kernel - 1) * dilation + 1;
  return padding === 'same' ? Math.ceil(length / stride) : Math.ceil((length - effective + 1) / stride);
}

/** Output length of a transposed convolution along one axis (tfjs-layers' deconvLength). */
export function deconvOutputLength(length: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? length * stride : length * stride + Math.max(kernel - stride, 0);
}
