import { expect, it } from 'vitest';
import GlobalMaxPooling3D from './GlobalMaxPooling3D';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(GlobalMaxPooling3D, [
  { name: 'a volume to one value per channel', inputs: [[null, 8, 16, 16, 32]], out: [null, 32] },
  { name: 'an anisotropic one-channel volume', inputs: [[null, 3, 7, 5, 1]], out: [null, 1] },
  { name: 'an image is refused', inputs: [[null, 16, 16, 4]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 64]], error: 'J301' },
  { name: 'it has no parameters', params: { poolSize: 2 }, inputs: [[null, 2, 4, 4, 8]], error: 'J103' },
]);

hintTable(GlobalMaxPooling3D, [
  { name: 'an image points to the 2D block', inputs: [[null, 16, 16, 4]], code: 'J301', message: 'this link carries', hint: 'use GlobalMaxPooling2D instead' },
  { name: 'a vector needs no pooling', inputs: [[null, 64]], code: 'J301', message: '[batch, 64]', hint: 'already a vector' },
]);

it('GlobalMaxPooling3D: cost', () => {
  expect(GlobalMaxPooling3D.cost!({}, { inputs: [[null, 2, 4, 4, 8]], output: [null, 8] })).toEqual({ params: 0, macs: 0 });
});
