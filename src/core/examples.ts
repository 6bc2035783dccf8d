import type { TaskKind } from './ports';

/**
 * A set of examples in memory: images and labels in flat float32 arrays, example-major, so that
 * a whole set moves to a worker as two transferable buffers.
 */
export interface ExampleSet {
  /** n × prod(imageShape) values. */
  x: Float32Array;
  /** n × prod(labelShape) values. */
  y: Float32Array;
  n: number;
  imageShape: number[];
  labelShape: number[];
  /** One id per example (a file name, a case id). */
  ids: string[];
  /** One group per example (a patient): a split never puts one group on two sides. */
  groups: string[];
  labelNames: string[];
  task: TaskKind;
  /**
   * Voxel spacing in mm as [x, y, z] — the W, H and D axes of a [D, H, W, C] volume — shared by every
   * example; absent when the data does not record one (2D images, most synthetic samples, volumes
   * kept at each file's own spacing). Steps that change the grid keep it right.
   */
  spacing?: number[];
}

/** How data blocks reach files: the CLI passes the disk, the browser passes IndexedDB. */
export interface DataIO {
  readFile(path: string): Promise<Uint8Array>;
  /** Files directly in a folder (names only), sorted. */
  listFiles(dir: string): Promise<string[]>;
}

export function exampleSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
