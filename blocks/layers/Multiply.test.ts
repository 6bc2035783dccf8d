import { expect, it } from 'vitest';
import Multiply from './Multiply';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(Multiply, [
  { name: 'two images of the same shape', inputs: [[null, 16, 16, 8], [null, 16, 16, 8]], out: [null, 16, 16, 8] },
  { name: 'a one-channel attention map weights every channel', inputs: [[null, 16, 16, 8], [null, 16, 16, 1]], out: [null, 16, 16, 8] },
  { name: 'squeeze-and-excitation: channel weights over a volume', inputs: [[null, 4, 8, 8, 16], [null, 1, 1, 1, 16]], out: [null, 4, 8, 8, 16] },
  { name: 'three vectors', inputs: [[null, 5], [null, 5], [null, 5]], out: [null, 5] },
  { name: 'one branch only', inputs: [[null, 5]], error: 'J305' },
  { name: 'different sizes', inputs: [[null, 16, 16, 8], [null, 8, 8, 8]], error: 'J302' },
  { name: 'a volume and an image', inputs: [[null, 4, 16, 16, 8], [null, 16, 16, 8]], error: 'J302' },
]);

hintTable(Multiply, [
  { name: 'no branch', inputs: [], code: 'J305', message: 'none is linked', hint: 'Link a second branch' },
  {
    name: 'sizes that differ by 2 suggest pooling or upsampling',
    inputs: [[null, 16, 16, 8], [null, 8, 8, 8]],
    code: 'J302',
    message: 'Multiply works position by position',
    hint: 'upsampling block (size 2) to the smaller one',
  },
  {
    name: 'sizes that do not divide suggest cropping or padding',
    inputs: [[null, 4, 15, 16, 8], [null, 4, 16, 16, 8]],
    code: 'J302',
    message: 'differ in height',
    hint: 'cropping or padding',
  },
]);

it('Multiply: one multiplication per output value for each extra branch', () => {
  expect(Multiply.cost!({}, { inputs: [[null, 3, 3, 4], [null, 3, 3, 1]], output: [null, 3, 3, 4] })).toEqual({ params: 0, macs: 36 });
});
