export * from './compile';
export * from './graph';
export * from './model';
export * from './registry';
export * from './document-composites';
