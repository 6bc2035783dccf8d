import AveragePooling2D from './AveragePooling2D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(AveragePooling2D, [
  { name: 'the default halves the size', inputs: [[null, 32, 32, 8]], out: [null, 16, 16, 8] },
  { name: 'valid drops an odd border', inputs: [[null, 9, 7, 3]], out: [null, 4, 3, 3] },
  { name: 'same with strides 1 keeps the size', params: { poolSize: 3, strides: 1, padding: 'same' }, inputs: [[null, 5, 5, 2]], out: [null, 5, 5, 2] },
  { name: 'per-axis pool and strides', params: { poolSize: [1, 3], strides: [1, 3] }, inputs: [[null, 4, 9, 1]], out: [null, 4, 3, 1] },
  { name: 'a volume is refused', inputs: [[null, 8, 8, 8, 1]], error: 'J301' },
  { name: 'a window larger than the image', params: { poolSize: [2, 9] }, inputs: [[null, 8, 8, 1]], error: 'J303' },
  { name: 'a negative stride', params: { strides: -1 }, inputs: [[null, 8, 8, 1]], error: 'J102' },
  { name: 'pool size as text', params: { poolSize: '2' }, inputs: [[null, 8, 8, 1]], error: 'J102' },
]);

costTable(AveragePooling2D, [
  // one add per window element for every output value
  { name: '2×2 windows', input: [null, 8, 8, 4], weights: 0, macs: 4 * 4 * 4 * 4 },
  { name: '3×3 windows, stride 1', params: { poolSize: 3, strides: 1, padding: 'same' }, input: [null, 5, 5, 2], weights: 0, macs: 5 * 5 * 2 * 9 },
]);

forwardTable(AveragePooling2D, [
  { name: 'valid, odd size', input: [null, 5, 7, 2] },
  { name: 'same, stride 1', params: { poolSize: 3, strides: 1, padding: 'same' }, input: [null, 3, 5, 1] },
]);
