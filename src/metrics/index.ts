export * from './classification';
export * from './regression';
export * from './roc';
