export * from './compile';
export * from './graph';
export * from './model';
export * from './registry';
export * from './document-composites';
export * from './memory';
export { paramProblem } from './params';
export * from './composite-edits';
export type { ConvolutionalCheck } from './convolutional';
