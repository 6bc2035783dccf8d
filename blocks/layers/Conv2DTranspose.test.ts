import Conv2DTranspose from './Conv2DTranspose';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(Conv2DTranspose, [
  { name: 'the default doubles the size', params: { filters: 8 }, inputs: [[null, 16, 16, 4]], out: [null, 32, 32, 8] },
  { name: 'valid adds the kernel overhang', params: { filters: 3, kernelSize: 3, strides: 2, padding: 'valid' }, inputs: [[null, 5, 7, 2]], out: [null, 11, 15, 3] },
  { name: 'strides 1 keep the size', params: { filters: 2, kernelSize: 3, strides: 1 }, inputs: [[null, 5, 6, 1]], out: [null, 5, 6, 2] },
  { name: 'per-axis kernel and strides', params: { filters: 2, kernelSize: [1, 3], strides: [1, 2], padding: 'valid', useBias: false }, inputs: [[null, 4, 4, 1]], out: [null, 4, 9, 2] },
  { name: 'kernel smaller than the stride', params: { filters: 1, kernelSize: 1, strides: 2, padding: 'valid' }, inputs: [[null, 5, 5, 1]], out: [null, 10, 10, 1] },
  { name: 'a volume is refused', inputs: [[null, 4, 4, 4, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 16]], error: 'J301' },
  { name: 'zero filters', params: { filters: 0 }, inputs: [[null, 4, 4, 1]], error: 'J102' },
  { name: 'three strides', params: { strides: [2, 2, 2] }, inputs: [[null, 4, 4, 1]], error: 'J102' },
  { name: 'dilation is not a parameter', params: { dilationRate: 2 }, inputs: [[null, 4, 4, 1]], error: 'J103' },
]);

costTable(Conv2DTranspose, [
  // each of the 16·16 input pixels paints a 2×2 patch of 8 filters from 4 channels
  { name: 'doubling', params: { filters: 8 }, input: [null, 16, 16, 4], weights: 4 * 4 * 8 + 8, macs: 16 * 16 * 4 * 4 * 8 },
  { name: 'valid 3×3', params: { filters: 3, kernelSize: 3, padding: 'valid' }, input: [null, 5, 7, 2], weights: 9 * 2 * 3 + 3, macs: 5 * 7 * 9 * 2 * 3 },
]);

forwardTable(Conv2DTranspose, [
  { name: 'doubling an odd size', params: { filters: 2 }, input: [null, 5, 3, 2] },
  { name: 'valid with overhang', params: { filters: 2, kernelSize: 3, strides: 2, padding: 'valid' }, input: [null, 3, 4, 1] },
  { name: 'kernel smaller than the stride', params: { filters: 1, kernelSize: 1, strides: 2, padding: 'valid' }, input: [null, 3, 3, 1] },
]);
