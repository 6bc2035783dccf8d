import Conv3DTranspose from './Conv3DTranspose';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(Conv3DTranspose, [
  { name: 'the default doubles the size', params: { filters: 4 }, inputs: [[null, 8, 8, 8, 2]], out: [null, 16, 16, 16, 4] },
  { name: 'valid adds the kernel overhang', params: { filters: 2, kernelSize: 3, strides: 2, padding: 'valid' }, inputs: [[null, 3, 4, 5, 1]], out: [null, 7, 9, 11, 2] },
  { name: 'in-plane doubling for thick slices', params: { filters: 8, kernelSize: [1, 2, 2], strides: [1, 2, 2] }, inputs: [[null, 4, 4, 4, 8]], out: [null, 4, 8, 8, 8] },
  { name: 'unknown depth stays unknown', params: { filters: 2, useBias: false }, inputs: [[null, null, 4, 4, 1]], out: [null, null, 8, 8, 2] },
  { name: 'an image is refused with a hint to use the 2D block', inputs: [[null, 4, 4, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 16]], error: 'J301' },
  { name: 'two kernel sizes', params: { kernelSize: [2, 2] }, inputs: [[null, 4, 4, 4, 1]], error: 'J102' },
  { name: 'zero strides', params: { strides: 0 }, inputs: [[null, 4, 4, 4, 1]], error: 'J102' },
]);

costTable(Conv3DTranspose, [
  { name: 'doubling', params: { filters: 4 }, input: [null, 8, 8, 8, 2], weights: 8 * 2 * 4 + 4, macs: 8 ** 3 * 8 * 2 * 4 },
  { name: 'valid 3×3×3', params: { filters: 2, kernelSize: 3, padding: 'valid' }, input: [null, 3, 4, 5, 1], weights: 27 * 2 + 2, macs: 60 * 27 * 2 },
]);

forwardTable(Conv3DTranspose, [
  { name: 'doubling an odd size', params: { filters: 2 }, input: [null, 3, 2, 1, 2] },
  { name: 'valid with overhang, per axis', params: { filters: 1, kernelSize: [3, 1, 2], strides: [2, 1, 2], padding: 'valid' }, input: [null, 2, 3, 2, 1] },
]);
