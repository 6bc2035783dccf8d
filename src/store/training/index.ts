export * from './run-state';
export * from './training-slice';
