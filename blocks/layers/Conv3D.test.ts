import Conv3D from './Conv3D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(Conv3D, [
  { name: 'same padding keeps the size', params: { filters: 8 }, inputs: [[null, 16, 16, 16, 1]], out: [null, 16, 16, 16, 8] },
  { name: 'strides 2 halve, rounding up', params: { filters: 4, strides: 2 }, inputs: [[null, 9, 8, 7, 2]], out: [null, 5, 4, 4, 4] },
  { name: 'in-plane kernel for thick slices', params: { filters: 6, kernelSize: [1, 3, 3], padding: 'valid' }, inputs: [[null, 5, 9, 9, 4]], out: [null, 5, 7, 7, 6] },
  { name: 'per-axis strides, no bias', params: { filters: 2, strides: [1, 2, 2], useBias: false, activation: 'relu' }, inputs: [[null, 4, 8, 8, 1]], out: [null, 4, 4, 4, 2] },
  { name: 'unknown depth stays unknown', params: { filters: 2 }, inputs: [[null, null, 8, 8, 1]], out: [null, null, 8, 8, 2] },
  { name: 'an image is refused with a hint to use Conv2D', inputs: [[null, 8, 8, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 64]], error: 'J301' },
  { name: 'too few slices for a valid kernel', params: { padding: 'valid' }, inputs: [[null, 2, 8, 8, 1]], error: 'J303' },
  { name: 'strides and dilation both above 1', params: { strides: [1, 1, 2], dilationRate: [2, 1, 1] }, inputs: [[null, 8, 8, 8, 1]], error: 'J304' },
  { name: 'dilation cannot be trained by tfjs', params: { dilationRate: 2 }, inputs: [[null, 8, 8, 8, 1]], error: 'J304' },
  { name: 'a kernel with two sizes', params: { kernelSize: [3, 3] }, inputs: [[null, 8, 8, 8, 1]], error: 'J102' },
  { name: 'too many filters', params: { filters: 5000 }, inputs: [[null, 8, 8, 8, 1]], error: 'J102' },
  { name: 'zero dilation', params: { dilationRate: 0 }, inputs: [[null, 8, 8, 8, 1]], error: 'J102' },
]);

costTable(Conv3D, [
  { name: '3×3×3 same', params: { filters: 8 }, input: [null, 16, 16, 16, 1], weights: 27 * 8 + 8, macs: 16 ** 3 * 8 * 27 },
  { name: 'strided', params: { filters: 4, strides: 2 }, input: [null, 9, 8, 7, 2], weights: 27 * 2 * 4 + 4, macs: 5 * 4 * 4 * 4 * 27 * 2 },
  { name: 'in-plane kernel', params: { filters: 6, kernelSize: [1, 3, 3], padding: 'valid' }, input: [null, 5, 9, 9, 4], weights: 9 * 4 * 6 + 6, macs: 5 * 7 * 7 * 6 * 9 * 4 },
]);

forwardTable(Conv3D, [
  { name: 'same, strided, odd size', params: { filters: 2, strides: 2 }, input: [null, 5, 4, 3, 2] },
  { name: 'valid, per-axis kernel', params: { filters: 2, kernelSize: [1, 3, 2], padding: 'valid' }, input: [null, 3, 5, 4, 1] },
]);
