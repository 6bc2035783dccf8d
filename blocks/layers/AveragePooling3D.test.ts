import AveragePooling3D from './AveragePooling3D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(AveragePooling3D, [
  { name: 'the default halves every axis', inputs: [[null, 8, 8, 8, 2]], out: [null, 4, 4, 4, 2] },
  { name: 'in-plane pooling keeps the slices', params: { poolSize: [1, 2, 2] }, inputs: [[null, 5, 9, 9, 2]], out: [null, 5, 4, 4, 2] },
  { name: 'same with strides 1 keeps the size', params: { poolSize: 3, strides: 1, padding: 'same' }, inputs: [[null, 3, 4, 5, 1]], out: [null, 3, 4, 5, 1] },
  { name: 'an image is refused', inputs: [[null, 8, 8, 1]], error: 'J301' },
  { name: 'a window larger than the volume', params: { poolSize: [2, 2, 6] }, inputs: [[null, 8, 8, 5, 1]], error: 'J303' },
  { name: 'too large a pool size', params: { poolSize: 33 }, inputs: [[null, 64, 64, 64, 1]], error: 'J102' },
]);

costTable(AveragePooling3D, [
  { name: '2×2×2 windows', input: [null, 8, 8, 8, 2], weights: 0, macs: 4 * 4 * 4 * 2 * 8 },
  { name: 'in-plane windows', params: { poolSize: [1, 2, 2] }, input: [null, 5, 9, 9, 2], weights: 0, macs: 5 * 4 * 4 * 2 * 4 },
]);

forwardTable(AveragePooling3D, [
  { name: 'valid, odd size', input: [null, 3, 5, 4, 2] },
  { name: 'same, stride 1', params: { poolSize: 3, strides: 1, padding: 'same' }, input: [null, 2, 3, 4, 1] },
]);
