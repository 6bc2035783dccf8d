export * from './schema';
export * from './migrations';
export * from './parse';
export * from './pipeline-diff';
