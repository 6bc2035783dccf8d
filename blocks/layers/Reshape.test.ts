import { expect, it } from 'vitest';
import Reshape from './Reshape';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(Reshape, [
  { name: 'a vector to an image', params: { targetShape: [8, 8, 64] }, inputs: [[null, 4096]], out: [null, 8, 8, 64] },
  { name: 'an image to a vector, by default', inputs: [[null, 8, 8, 3]], out: [null, 192] },
  { name: 'one size worked out (-1)', params: { targetShape: [4, -1, 2] }, inputs: [[null, 8, 8, 2]], out: [null, 4, 16, 2] },
  { name: 'a volume to an image stack', params: { targetShape: [16, 16, 12] }, inputs: [[null, 4, 16, 16, 3]], out: [null, 16, 16, 12] },
  { name: 'the -1 alone takes everything', params: { targetShape: [-1, 1] }, inputs: [[null, 5, 3]], out: [null, 15, 1] },
  { name: 'counts that differ', params: { targetShape: [10, 10] }, inputs: [[null, 8, 8, 3]], error: 'J304' },
  { name: 'a -1 that cannot be worked out', params: { targetShape: [5, -1] }, inputs: [[null, 8, 8, 3]], error: 'J304' },
  { name: 'two sizes of -1', params: { targetShape: [-1, -1] }, inputs: [[null, 16]], error: 'J102' },
  { name: 'a size of 0', params: { targetShape: [0, 16] }, inputs: [[null, 16]], error: 'J102' },
  { name: 'a size below -1', params: { targetShape: [-2, 8] }, inputs: [[null, 16]], error: 'J102' },
  { name: 'an empty target', params: { targetShape: [] }, inputs: [[null, 16]], error: 'J102' },
  { name: 'a fractional size', params: { targetShape: [2.5, 4] }, inputs: [[null, 10]], error: 'J102' },
]);

hintTable(Reshape, [
  {
    name: 'counts that differ',
    params: { targetShape: [10, 10] },
    inputs: [[null, 8, 8, 3]],
    code: 'J304',
    message: '[batch, 8, 8, 3] holds 192 values per example, but the target shape [10, 10] holds 100',
    hint: 'product is 192',
  },
  {
    name: 'a -1 that cannot be worked out',
    params: { targetShape: [5, -1] },
    inputs: [[null, 8, 8, 3]],
    code: 'J304',
    message: 'cannot be arranged as [5, -1]: 192 is not a multiple of 5',
    hint: 'for example [192]',
  },
  { name: 'two sizes of -1', params: { targetShape: [-1, -1] }, inputs: [[null, 16]], code: 'J102', message: 'Target shape cannot be "-1, -1": only one size can be -1', hint: 'from -1 to 1000000' },
]);

it('Reshape: the plan spells out the size a -1 stands for, so tfjs knows it', () => {
  const lowered = Reshape.lower!({ targetShape: [4, -1, 2] }, { seed: 1, inputShapes: [[null, 8, 8, 2]], outputShape: [null, 4, 16, 2] });
  expect(lowered).toEqual({ className: 'Reshape', config: { targetShape: [4, 16, 2] } });
});
