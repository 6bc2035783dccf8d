import type { TaskKind } from '../core';

/** What the page keeps of one Evaluate block's result: the scores, and the raw values behind the plots. */
export interface EvaluationResult {
  block: string;
  task: TaskKind;
  n: number;
  labelNames: string[];
  imageShape: number[];
  labelShape: number[];
  ids: string[];
  /** n × prod(labelShape): true labels and the model's outputs. */
  truth: Float32Array;
  pred: Float32Array;
  /** The examples' images (for thumbnails and the slice viewer), or null when too large to keep. */
  images: Float32Array | null;
  threshold: number;
  /** scoreTask's output (accuracy, auc, confusion, per_class, mae, dice …). */
  scores: Record<string, unknown>;
}
