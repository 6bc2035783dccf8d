import MaxPooling3D from './MaxPooling3D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(MaxPooling3D, [
  { name: 'the default halves every axis', inputs: [[null, 16, 16, 16, 4]], out: [null, 8, 8, 8, 4] },
  { name: 'in-plane pooling keeps the slices', params: { poolSize: [1, 2, 2] }, inputs: [[null, 5, 9, 9, 2]], out: [null, 5, 4, 4, 2] },
  { name: 'same rounds up', params: { padding: 'same' }, inputs: [[null, 5, 5, 5, 1]], out: [null, 3, 3, 3, 1] },
  { name: 'explicit strides', params: { poolSize: 3, strides: [1, 2, 3] }, inputs: [[null, 6, 7, 9, 1]], out: [null, 4, 3, 3, 1] },
  { name: 'an image is refused with a hint to use the 2D block', inputs: [[null, 8, 8, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 8]], error: 'J301' },
  { name: 'a single slice cannot be pooled in depth', inputs: [[null, 1, 8, 8, 1]], error: 'J303' },
  { name: 'two pool sizes', params: { poolSize: [2, 2] }, inputs: [[null, 8, 8, 8, 1]], error: 'J102' },
  { name: 'zero stride', params: { strides: [1, 0, 1] }, inputs: [[null, 8, 8, 8, 1]], error: 'J102' },
]);

costTable(MaxPooling3D, [{ name: 'comparisons are not multiply-adds', input: [null, 8, 8, 8, 2], weights: 0, macs: 0 }]);

forwardTable(MaxPooling3D, [
  { name: 'valid, odd size', input: [null, 3, 5, 4, 2] },
  { name: 'same, per axis', params: { poolSize: [1, 2, 3], padding: 'same' }, input: [null, 2, 3, 4, 1] },
]);
