import type { CompileResult, PipelineDocument } from '../core';

/** The input blocks whose size the data can give, and the names of their size parameters in order. */
const SIZE_PARAMS: Record<string, readonly string[]> = {
  ImageInput: ['height', 'width', 'channels'],
  VolumeInput: ['depth', 'height', 'width', 'channels'],
};

/** What an input block could take from the data it is trained on. */
export interface ShapeOffer {
  /** The data's example shape ([H, W, C] or [D, H, W, C]). */
  data: number[];
  /** The block's shape now, in the same order. */
  block: number[];
  /** The parameters that make the block match. */
  params: Record<string, number>;
}

/**
 * The shape the training data gives an Image Input or Volume Input when it differs from the block's:
 * the image shape of the data on every Train block's "train" port (when they agree and its rank is the
 * block's). Null when there is nothing to take (no data connected yet, or it already matches).
 */
export function shapeOffer(doc: PipelineDocument, compiled: Pick<CompileResult, 'outputs'>, blockId: string): ShapeOffer | null {
  const block = doc.blocks.find((b) => b.id === blockId);
  const names = block && SIZE_PARAMS[block.type];
  if (!block || !names) return null;
  const shapes = new Set<string>();
  for (const train of doc.blocks.filter((b) => b.type === 'Train')) {
    const link = doc.links.find((l) => l.to.block === train.id && l.to.port === 'train');
    const value = link && compiled.outputs[link.from.block]?.[link.from.port];
    if (value?.kind === 'dataset') shapes.add(JSON.stringify(value.image));
  }
  if (shapes.size !== 1) return null;
  const data = JSON.parse([...shapes][0]!) as (number | null)[];
  if (data.length !== names.length || data.some((d) => typeof d !== 'number' || d < 1)) return null;
  const now = names.map((n) => block.params[n]);
  if (now.every((v, i) => v === data[i])) return null;
  return { data: data as number[], block: now.map((v) => (typeof v === 'number' ? v : NaN)), params: Object.fromEntries(names.map((n, i) => [n, data[i] as number])) };
}
