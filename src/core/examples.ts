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
  /**
   * Consecutive examples come in runs that training keeps together when it shuffles (the patches of one
   * scan drawn from one read): each block of `per` examples is cut into runs of `length`. Absent: every
   * example is shuffled on its own.
   */
  runs?: { per: number; length: number };
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

/** What a set says about its examples without holding them: shapes, names, task. */
export type ExampleMeta = Pick<ExampleSet, 'n' | 'imageShape' | 'labelShape' | 'ids' | 'groups' | 'labelNames' | 'task' | 'spacing' | 'runs'>;

/** One example: its image and label values. */
export interface Example {
  x: Float32Array;
  y: Float32Array;
}

/**
 * A set whose examples are read on demand (a list of cases, each read, transformed and cached when it is
 * needed) instead of held in two arrays: what lets a cohort larger than memory train.
 */
export interface CaseSet extends ExampleMeta {
  lazy: true;
  /** Example `i` (0 ≤ i < n); rejects with a message naming the case when it cannot be read. */
  read(i: number): Promise<Example>;
}

/** A training or validation set: in memory, or read on demand. */
export type AnySet = ExampleSet | CaseSet;

export function isCaseSet(set: AnySet): set is CaseSet {
  return (set as CaseSet).lazy === true;
}

/** One case a source can read on its own: its id, patient, and the files it is made from (null: not known before reading). */
export interface CaseDescriptor {
  id: string;
  group: string;
  files: string[] | null;
}

/** A source's cases, listed before any is read. */
export interface CaseSource {
  meta: Omit<ExampleMeta, 'n' | 'ids' | 'groups'>;
  cases: CaseDescriptor[];
  /** Reads one case into a set of one example; `io` may serve files already read for hashing. */
  read(index: number, io: DataIO): Promise<ExampleSet>;
}
