export * from './classification';
export * from './regression';
export * from './roc';
export * from './report';
export * from './segmentation';
