import type { z } from 'zod';
import { defineBlock, formatShape, LAYOUT, port, type BlockDef, type BlockIssue, type InferContext, type Shape, type Text } from '../../src/core';

/**
 * What a loss block declares: the loss it records in the plan, which predictions it accepts and
 * which metrics fit them. Every loss block has one tensor input `pred` (the model output) and one
 * model output `model` (the model closed by this loss, ready for Train).
 */
export interface LossBlockSpec<S extends z.ZodObject> {
  type: string;
  /** The loss name the plan records (Keras-style snake_case); the runtime implements each. */
  loss: string;
  label: Text;
  doc: Text;
  params: S;
  paramText?: { [K in keyof z.output<S>]?: { label: Text; doc?: Text } };
  /** An issue when the prediction cannot be scored by this loss, else null. */
  check(shape: Shape, params: z.output<S>, ctx: InferContext): BlockIssue | null;
  /** Metrics that fit this loss for a prediction of this shape (runtime names). */
  metrics(shape: Shape, params: z.output<S>): string[];
}

/** True for maps with space in them: [batch, h, w, c] or [batch, d, h, w, c]. */
export function isSpatial(shape: Shape): boolean {
  return shape.length === 4 || shape.length === 5;
}

/** Declares a loss block from its loss name, shape check and metrics. */
export function defineLoss<S extends z.ZodObject>(spec: LossBlockSpec<S>): BlockDef {
  return defineBlock({
    type: spec.type,
    category: 'loss',
    version: 1,
    label: spec.label,
    doc: spec.doc,
    inputs: { pred: port.tensor({ label: { en: 'prediction', zh: '预测' } }) },
    outputs: { model: port.model({ label: { en: 'model', zh: '模型' } }) },
    params: spec.params,
    ...(spec.paramText ? { paramText: spec.paramText } : {}),
    infer(inputs, p, ctx) {
      const pred = inputs.pred;
      const issue = spec.check(pred.shape, p, ctx);
      if (issue) return { issues: [issue] };
      return {
        outputs: {
          model: {
            kind: 'model',
            // The compiler stamps every tensor with the block output it comes from; a lone
            // inferBlock call (an editor check) may not, and the compiler never reads this then.
            output: pred.source ?? { block: '', port: 'out' },
            outputShape: pred.shape,
            inputShapes: [],
            loss: { type: spec.loss, params: { ...(p as Record<string, unknown>) }, block: ctx.id },
            metrics: spec.metrics(pred.shape, p),
          },
        },
      };
    },
  });
}

/** The issue for a prediction that is not a segmentation map. */
export function requireSpatial(shape: Shape, ctx: InferContext): BlockIssue | null {
  if (isSpatial(shape)) return null;
  return ctx.fail('J301', {
    expected: { en: `${LAYOUT.image.en} or ${LAYOUT.volume.en}`, zh: `${LAYOUT.image.zh}或${LAYOUT.volume.zh}` },
    actual: formatShape(shape),
    port: 'pred',
    fix: {
      en: 'Dice compares masks, so it needs a map with one channel per label: end the network with a 1×1 convolution (sigmoid for one label, softmax for several). For one score per image, use a cross-entropy loss instead.',
      zh: 'Dice 比较的是掩膜，需要每个标签一个通道的分割图：请以 1×1 卷积结束网络（单标签用 sigmoid，多标签用 softmax）。若每张图只输出一个分数，请改用交叉熵损失。',
    },
  }, 'pred');
}

/** The issue for a prediction with fewer than two classes on its last axis. */
export function requireClasses(shape: Shape, ctx: InferContext): BlockIssue | null {
  const c = shape[shape.length - 1];
  if (shape.length >= 2 && (c === null || (c ?? 0) >= 2)) return null;
  return ctx.fail('J301', {
    expected: { en: 'at least 2 classes on the last axis', zh: '最后一维至少 2 个类别' },
    actual: formatShape(shape),
    port: 'pred',
    fix: {
      en: 'For a yes/no answer with one output, use Binary Cross-Entropy. For several classes, give the last layer one unit per class with a softmax activation.',
      zh: '若只有一个输出表示是/否，请改用二元交叉熵。若有多个类别，请让最后一层每个类别一个单元并使用 softmax 激活。',
    },
  }, 'pred');
}

/** Metrics for losses that score probabilities per element (sigmoid outputs). */
export function probabilityMetrics(shape: Shape): string[] {
  // AUC is what screening is judged by (ODIR, the fundus template): measured on the validation data each epoch.
  return isSpatial(shape) ? ['dice'] : ['binary_accuracy', 'auc'];
}
