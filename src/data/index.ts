/** Data readers and data steps: pure TypeScript, files reach them through a DataIO. */
export * from './decode-image';
export * from './errors';
export * from './example-set';
export * from './image-folder';
export * from './label-table';
export * from './normalize';
export * from './random';
export * from './resize';
export * from './run-steps';
export * from './sample-shapes';
export * from './split';
