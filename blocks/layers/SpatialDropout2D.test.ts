import { expect, it } from 'vitest';
import SpatialDropout2D from './SpatialDropout2D';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(SpatialDropout2D, [
  { name: 'keeps its shape', params: { rate: 0.3 }, inputs: [[null, 32, 32, 16]], out: [null, 32, 32, 16] },
  { name: 'one channel, default rate', inputs: [[null, 5, 7, 1]], out: [null, 5, 7, 1] },
  { name: 'a volume is refused', inputs: [[null, 4, 8, 8, 2]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 64]], error: 'J301' },
  { name: 'rate 1 would drop everything', params: { rate: 1 }, inputs: [[null, 32, 32, 16]], error: 'J102' },
]);

hintTable(SpatialDropout2D, [
  { name: 'a volume points to the 3D block', inputs: [[null, 4, 8, 8, 2]], code: 'J301', message: 'this link carries', hint: 'use SpatialDropout3D instead' },
  { name: 'a vector points to Dropout', inputs: [[null, 64]], code: 'J301', message: '[batch, 64]', hint: 'use Dropout instead' },
]);

it('SpatialDropout2D: passes the block seed so runs repeat', () => {
  const lowered = SpatialDropout2D.lower!({ rate: 0.2 }, { seed: 99, inputShapes: [[null, 32, 32, 16]], outputShape: [null, 32, 32, 16] });
  expect(lowered).toEqual({ className: 'SpatialDropout2D', config: { rate: 0.2, seed: 99 } });
});
