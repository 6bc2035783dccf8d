import { expect, it } from 'vitest';
import GlobalAveragePooling2D from './GlobalAveragePooling2D';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(GlobalAveragePooling2D, [
  { name: 'an image to one value per channel', inputs: [[null, 32, 32, 16]], out: [null, 16] },
  { name: 'a non-square grey image', inputs: [[null, 7, 5, 1]], out: [null, 1] },
  { name: 'a volume is refused', inputs: [[null, 8, 16, 16, 4]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 64]], error: 'J301' },
  { name: 'it has no parameters', params: { poolSize: 2 }, inputs: [[null, 4, 4, 8]], error: 'J103' },
]);

hintTable(GlobalAveragePooling2D, [
  { name: 'a volume points to the 3D block', inputs: [[null, 8, 16, 16, 4]], code: 'J301', message: 'this link carries', hint: 'use GlobalAveragePooling3D instead' },
  { name: 'a vector needs no pooling', inputs: [[null, 64]], code: 'J301', message: '[batch, 64]', hint: 'already a vector' },
]);

it('GlobalAveragePooling2D: cost', () => {
  expect(GlobalAveragePooling2D.cost!({}, { inputs: [[null, 4, 4, 8]], output: [null, 8] })).toEqual({ params: 0, macs: 4 * 4 * 8 });
});
