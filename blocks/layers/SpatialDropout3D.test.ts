import { expect, it } from 'vitest';
import SpatialDropout3D from './SpatialDropout3D';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(SpatialDropout3D, [
  { name: 'keeps its shape', params: { rate: 0.3 }, inputs: [[null, 8, 16, 16, 4]], out: [null, 8, 16, 16, 4] },
  { name: 'one channel, default rate', inputs: [[null, 3, 5, 7, 1]], out: [null, 3, 5, 7, 1] },
  { name: 'an image is refused', inputs: [[null, 8, 8, 2]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 64]], error: 'J301' },
  { name: 'rate 1 would drop everything', params: { rate: 1 }, inputs: [[null, 8, 16, 16, 4]], error: 'J102' },
]);

hintTable(SpatialDropout3D, [
  { name: 'an image points to the 2D block', inputs: [[null, 8, 8, 2]], code: 'J301', message: 'this link carries', hint: 'use SpatialDropout2D instead' },
  { name: 'a vector points to Dropout', inputs: [[null, 64]], code: 'J301', message: '[batch, 64]', hint: 'use Dropout instead' },
]);

it('SpatialDropout3D: passes the block seed so runs repeat', () => {
  const lowered = SpatialDropout3D.lower!({ rate: 0.2 }, { seed: 99, inputShapes: [[null, 8, 16, 16, 4]], outputShape: [null, 8, 16, 16, 4] });
  expect(lowered).toEqual({ className: 'SpatialDropout3D', config: { rate: 0.2, seed: 99 } });
});
