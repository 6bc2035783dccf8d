export * from './catalogue';
export * from './diagnostic';
export * from './coded-error';
