import { expect, it } from 'vitest';
import Dropout from './Dropout';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(Dropout, [
  { name: 'a vector keeps its shape', params: { rate: 0.5 }, inputs: [[null, 128]], out: [null, 128] },
  { name: 'an image', params: { rate: 0.1 }, inputs: [[null, 16, 16, 8]], out: [null, 16, 16, 8] },
  { name: 'a volume, default rate', inputs: [[null, 4, 8, 8, 2]], out: [null, 4, 8, 8, 2] },
  { name: 'rate 0 is allowed', params: { rate: 0 }, inputs: [[null, 4]], out: [null, 4] },
  { name: 'rate 1 would drop everything', params: { rate: 1 }, inputs: [[null, 4]], error: 'J102' },
  { name: 'a negative rate', params: { rate: -0.1 }, inputs: [[null, 4]], error: 'J102' },
  { name: 'a rate given as text', params: { rate: '0.5' }, inputs: [[null, 4]], error: 'J102' },
]);

it('Dropout: passes the block seed so runs repeat', () => {
  const lowered = Dropout.lower!({ rate: 0.3 }, { seed: 1234, inputShapes: [[null, 8]], outputShape: [null, 8] });
  expect(lowered).toEqual({ className: 'Dropout', config: { rate: 0.3, seed: 1234 } });
});
