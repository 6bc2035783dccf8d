import Conv2D from './Conv2D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(Conv2D, [
  { name: 'same padding keeps the size', params: { filters: 8 }, inputs: [[null, 32, 32, 3]], out: [null, 32, 32, 8] },
  { name: 'valid padding trims the border', params: { filters: 4, kernelSize: 3, padding: 'valid' }, inputs: [[null, 9, 7, 1]], out: [null, 7, 5, 4] },
  { name: 'strides 2 halve, rounding up', params: { filters: 4, strides: 2 }, inputs: [[null, 9, 8, 2]], out: [null, 5, 4, 4] },
  { name: 'per-axis kernel and strides', params: { filters: 2, kernelSize: [5, 1], strides: [1, 2], padding: 'valid', useBias: false }, inputs: [[null, 9, 9, 3]], out: [null, 5, 5, 2] },
  { name: 'unknown spatial size stays unknown', params: { filters: 3, activation: 'relu' }, inputs: [[null, null, null, 1]], out: [null, null, null, 3] },
  { name: 'a volume is refused with a hint to use Conv3D', inputs: [[null, 8, 8, 8, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 64]], error: 'J301' },
  { name: 'a kernel larger than a valid input leaves nothing', params: { kernelSize: 5, padding: 'valid' }, inputs: [[null, 4, 8, 1]], error: 'J303' },
  { name: 'strides and dilation both above 1', params: { strides: 2, dilationRate: 2 }, inputs: [[null, 16, 16, 1]], error: 'J304' },
  { name: 'dilation cannot be trained by tfjs', params: { dilationRate: [1, 2] }, inputs: [[null, 16, 16, 1]], error: 'J304' },
  { name: 'zero filters', params: { filters: 0 }, inputs: [[null, 8, 8, 1]], error: 'J102' },
  { name: 'a kernel with three sizes', params: { kernelSize: [3, 3, 3] }, inputs: [[null, 8, 8, 1]], error: 'J102' },
  { name: 'a fractional stride', params: { strides: 1.5 }, inputs: [[null, 8, 8, 1]], error: 'J102' },
  { name: 'an unknown padding mode', params: { padding: 'reflect' }, inputs: [[null, 8, 8, 1]], error: 'J102' },
]);

costTable(Conv2D, [
  // 32·32 positions × 8 filters × 3·3 kernel × 3 channels
  { name: '3×3 same', params: { filters: 8 }, input: [null, 32, 32, 3], weights: 9 * 3 * 8 + 8, macs: 32 * 32 * 8 * 9 * 3 },
  { name: 'strided', params: { filters: 4, strides: 2 }, input: [null, 9, 8, 2], weights: 9 * 2 * 4 + 4, macs: 5 * 4 * 4 * 9 * 2 },
  { name: 'per-axis, no bias', params: { filters: 2, kernelSize: [5, 1], padding: 'valid', useBias: false }, input: [null, 9, 9, 3], weights: 5 * 3 * 2, macs: 5 * 9 * 2 * 5 * 3 },
]);

forwardTable(Conv2D, [
  { name: 'same, strided, odd size', params: { filters: 3, strides: 2, activation: 'relu' }, input: [null, 9, 7, 2] },
  { name: 'valid, per-axis', params: { filters: 2, kernelSize: [5, 1], strides: [1, 2], padding: 'valid' }, input: [null, 9, 9, 3] },
]);
