import MaxPooling2D from './MaxPooling2D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(MaxPooling2D, [
  { name: 'the default halves the size', inputs: [[null, 32, 32, 8]], out: [null, 16, 16, 8] },
  { name: 'valid drops an odd border', inputs: [[null, 9, 7, 3]], out: [null, 4, 3, 3] },
  { name: 'same keeps it, rounding up', params: { padding: 'same' }, inputs: [[null, 9, 7, 3]], out: [null, 5, 4, 3] },
  { name: 'overlapping 3×3 windows with strides 2', params: { poolSize: 3, strides: 2 }, inputs: [[null, 9, 9, 1]], out: [null, 4, 4, 1] },
  { name: 'per-axis pool size', params: { poolSize: [2, 1] }, inputs: [[null, 8, 8, 2]], out: [null, 4, 8, 2] },
  { name: 'unknown size stays unknown', inputs: [[null, null, 8, 2]], out: [null, null, 4, 2] },
  { name: 'a volume is refused with a hint to use the 3D block', inputs: [[null, 8, 8, 8, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 8]], error: 'J301' },
  { name: 'a window larger than the image', params: { poolSize: 4 }, inputs: [[null, 3, 8, 1]], error: 'J303' },
  { name: 'zero pool size', params: { poolSize: 0 }, inputs: [[null, 8, 8, 1]], error: 'J102' },
  { name: 'three strides', params: { strides: [2, 2, 2] }, inputs: [[null, 8, 8, 1]], error: 'J102' },
  { name: 'an unknown padding mode', params: { padding: 'causal' }, inputs: [[null, 8, 8, 1]], error: 'J102' },
]);

costTable(MaxPooling2D, [{ name: 'comparisons are not multiply-adds', input: [null, 8, 8, 4], weights: 0, macs: 0 }]);

forwardTable(MaxPooling2D, [
  { name: 'valid, odd size', input: [null, 5, 7, 2] },
  { name: 'same, overlapping', params: { poolSize: 3, strides: 2, padding: 'same' }, input: [null, 5, 4, 1] },
]);
