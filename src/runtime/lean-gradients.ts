import * as tf from '@tensorflow/tfjs';

/**
 * A backward pass that frees memory as it goes. tfjs-core 4.22's `engine.gradients` keeps every
 * tensor the forward pass saved for the backward pass, and the gradient of every intermediate tensor,
 * until the whole backward pass ends: its peak is all activations plus all their gradients (the 96³
 * depth-4 U-Net needed more than the wasm heap's 4 GiB). This replacement walks the same tape in the
 * same order with the same gradient functions and the same additions, so the gradients are the same
 * to the bit, but it disposes
 *  - a node's saved tensors (its inputs and outputs kept for the backward pass) once its gradient
 *    has been taken — nothing later reads them;
 *  - the gradient of a node's outputs once that node has passed it on to its inputs.
 * The peak becomes the saved activations plus the gradients in flight. Higher-order gradients (a
 * gradient taken inside a gradient) keep tfjs' own behaviour.
 */

interface TapeNode {
  id: number;
  kernelName: string;
  outputs: tf.Tensor[];
  inputs: Record<string, tf.Tensor | undefined>;
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
  saved?: tf.Tensor[];
}

interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  gradients(f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients?: boolean): { value: tf.Tensor; grads: tf.Tensor[] };
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  startTape(): void;
  endTape(): void;
  tidy<T extends tf.TensorContainer>(nameOrFn: string | (() => T), fn?: () => T): T;
  __jimuLeanGradients?: true;
}

/** The nodes of the tape on a path from some x to y, each with only the inputs that come from an x (tfjs' own rule). */
export function nodesFromXToY(tape: readonly TapeNode[], xs: readonly tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX = new Set(xs.map((x) => x.id));
  const nodesFromX = new Set<number>();
  for (const node of tape) {
    if (Object.values(node.inputs).some((input) => input != null && fromX.has(input.id))) {
      for (const o of node.outputs) fromX.add(o.id);
      nodesFromX.add(node.id);
    }
  }
  const toY = new Set([y.id]);
  const nodesToY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i]!;
    if (!node.outputs.some((o) => toY.has(o.id))) continue;
    const inputs = Object.values(node.inputs).filter((input) => input != null);
    for (const input of inputs) toY.add(input.id);
    if (inputs.length > 0) nodesToY.add(node.id);
  }
  const filtered: TapeNode[] = [];
  for (const node of tape) {
    if (!nodesFromX.has(node.id) || !nodesToY.has(node.id)) continue;
    const inputs: Record<string, tf.Tensor> = {};
    for (const [name, input] of Object.entries(node.inputs)) if (input != null && fromX.has(input.id)) inputs[name] = input;
    filtered.push({ ...node, inputs, outputs: node.outputs });
  }
  return filtered;
}

/**
 * Walks `tape` backward from `grads` (which holds y's gradient), leaving the gradients of `keep` in it.
 * Frees each node's saved tensors after its gradient, and each gradient once nothing needs it.
 */
export function backpropagateLean(grads: Map<number, tf.Tensor>, tape: readonly TapeNode[], keep: ReadonlySet<number>, tidy: <T extends tf.TensorContainer>(fn: () => T) => T): void {
  // How many entries of `grads` hold each gradient tensor: a gradient function may hand its dy on
  // unchanged (Identity, Reshape), so one tensor can be the gradient of several.
  const holders = new Map<tf.Tensor, number>();
  const hold = (t: tf.Tensor) => holders.set(t, (holders.get(t) ?? 0) + 1);
  const release = (t: tf.Tensor, protect: ReadonlySet<tf.Tensor>) => {
    const n = (holders.get(t) ?? 1) - 1;
    if (n > 0) {
      holders.set(t, n);
      return;
    }
    holders.delete(t);
    if (!protect.has(t)) t.dispose();
  };
  for (const g of grads.values()) hold(g);
  const given = new Set(grads.values());

  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i]!;
    const dys = node.outputs.map((o) => grads.get(o.id) ?? null);
    if (node.gradient == null) throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
    const names = Object.keys(node.inputs);
    // One scope per node: what its gradient function computes up front (tfjs' batch-norm gradient
    // makes x − mean and dy · scale) is freed with the node, not at the end of the backward pass.
    const dxs = tidy(() => {
      const inputGradients = node.gradient!(dys);
      return names.map((inputName) => {
        if (!(inputName in inputGradients)) throw new Error(`Cannot backprop through input ${inputName}. Available gradients found: ${Object.keys(inputGradients).join(',')}.`);
        return inputGradients[inputName]!();
      });
    });
    for (const [n, inputName] of names.entries()) {
      const dx = dxs[n]!;
      if (dx.dtype !== 'float32') throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input ${inputName} must have 'float32' dtype, but has '${dx.dtype}'`);
      const x = node.inputs[inputName]!;
      if (!tf.util.arraysEqual(dx.shape, x.shape)) throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input '${inputName}' has shape '${dx.shape.join(',')}', which does not match the shape of the input '${x.shape.join(',')}'`);
      const current = grads.get(x.id);
      if (current == null) {
        grads.set(x.id, dx);
        hold(dx);
      } else {
        const sum = tf.add(current, dx);
        grads.set(x.id, sum);
        hold(sum);
        release(current, given);
        // dx may also be another tensor's gradient (handed on unchanged); it then stays.
        if (!holders.has(dx) && !given.has(dx)) dx.dispose();
      }
    }
    // Nothing later reads this node's outputs' gradients or what it saved for its own gradient.
    for (const o of node.outputs) {
      const g = grads.get(o.id);
      if (g == null || keep.has(o.id)) continue;
      grads.delete(o.id);
      release(g, given);
    }
    // (A gradient function could return a saved tensor itself: it then lives on as a gradient.)
    for (const s of node.saved ?? []) if (!holders.has(s)) s.dispose();
  }
}

/** Replaces the engine's `gradients` with the lean walk (idempotent). */
export function installLeanGradients(): void {
  const engine = tf.engine() as unknown as EngineInternals;
  if (engine.__jimuLeanGradients) return;
  const original = engine.gradients.bind(engine);
  engine.gradients = function leanGradients(f, xs, dy, allowNoGradients = false) {
    if (engine.state.gradientDepth > 0) return original(f, xs, dy, allowNoGradients);
    if (xs.length === 0) throw new Error('gradients() received an empty list of xs.');
    if (dy != null && dy.dtype !== 'float32') throw new Error(`dy must have 'float32' dtype, but has '${dy.dtype}'`);
    const y = engine.scopedRun(() => engine.startTape(), () => engine.endTape(), () => engine.tidy('forward', f));
    if (!(y instanceof tf.Tensor)) throw new Error('The result y returned by f() must be a tensor.');
    const tape = engine.state.activeTape ?? [];
    const filtered = nodesFromXToY(tape, xs, y);
    if (!allowNoGradients && filtered.length === 0) {
      throw new Error('Cannot compute gradient of y=f(x) with respect to x. Make sure that the f you passed encloses all operations that lead from x to y.');
    }
    return engine.tidy('backward', () => {
      const grads = new Map<number, tf.Tensor>([[y.id, dy ?? tf.ones(y.shape)]]);
      backpropagateLean(grads, filtered, new Set(xs.map((x) => x.id)), (fn) => engine.tidy(fn));
      const out = xs.map((x) => grads.get(x.id)) as tf.Tensor[];
      for (const node of tape) for (const s of node.saved ?? []) s.dispose();
      engine.state.activeTape = null;
      return { value: y, grads: out } as unknown as tf.TensorContainer;
    }) as unknown as { value: tf.Tensor; grads: tf.Tensor[] };
  };
  engine.__jimuLeanGradients = true;
  restore = () => {
    engine.gradients = original;
    delete engine.__jimuLeanGradients;
    restore = undefined;
  };
}

let restore: (() => void) | undefined;

/** Puts tfjs' own `gradients` back (for tests that compare both); {@link installLeanGradients} re-installs. */
export function uninstallLeanGradients(): void {
  restore?.();
}
