import { expect, it } from 'vitest';
import Add from './Add';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(Add, [
  { name: 'two images of the same shape', inputs: [[null, 32, 32, 16], [null, 32, 32, 16]], out: [null, 32, 32, 16] },
  { name: 'three volumes', inputs: [[null, 8, 16, 16, 4], [null, 8, 16, 16, 4], [null, 8, 16, 16, 4]], out: [null, 8, 16, 16, 4] },
  { name: 'two vectors', inputs: [[null, 10], [null, 10]], out: [null, 10] },
  { name: 'a size of 1 is repeated to fit', inputs: [[null, 32, 32, 1], [null, 32, 32, 16]], out: [null, 32, 32, 16] },
  { name: 'one branch only', inputs: [[null, 32, 32, 16]], error: 'J305' },
  { name: 'no branch', inputs: [], error: 'J305' },
  { name: 'different channels', inputs: [[null, 32, 32, 16], [null, 32, 32, 32]], error: 'J302' },
  { name: 'different sizes', inputs: [[null, 32, 32, 16], [null, 16, 16, 16]], error: 'J302' },
  { name: 'the third branch differs', inputs: [[null, 10], [null, 10], [null, 12]], error: 'J302' },
  { name: 'an image and a vector', inputs: [[null, 8, 8, 4], [null, 256]], error: 'J302' },
  { name: 'parameters are refused', params: { axis: 1 }, inputs: [[null, 4], [null, 4]], error: 'J103' },
]);

hintTable(Add, [
  { name: 'one branch asks for a second', inputs: [[null, 8]], code: 'J305', message: 'only one is linked', hint: 'skip connection' },
  {
    name: 'channels that differ suggest a 1×1 convolution',
    inputs: [[null, 32, 32, 16], [null, 32, 32, 32]],
    code: 'J302',
    message: 'cannot combine [batch, 32, 32, 16] and [batch, 32, 32, 32]: Add works position by position, so the shapes must match (a size of 1 is repeated to fit), but these differ in channels',
    hint: 'convolution with kernel size 1 and 32 filters to the branch with 16 channels',
  },
  {
    name: 'sizes that differ by 2 suggest pooling or upsampling by 2',
    inputs: [[null, 32, 32, 16], [null, 16, 16, 16]],
    code: 'J302',
    message: 'differ in height and width',
    hint: 'pooling block (pool size 2) to the larger branch or an upsampling block (size 2)',
  },
  { name: 'vectors that differ suggest a Dense', inputs: [[null, 10], [null, 12]], code: 'J302', message: 'differ in features', hint: 'Dense block with 12 units' },
  { name: 'an image and a vector', inputs: [[null, 8, 8, 4], [null, 256]], code: 'J302', message: 'one branch is an image [batch, height, width, channels] and the other a vector', hint: 'Flatten or Global Average Pooling' },
]);

it('Add: one addition per output value for each extra branch', () => {
  const cost = Add.cost!({}, { inputs: [[null, 4, 4, 2], [null, 4, 4, 2], [null, 4, 4, 2]], output: [null, 4, 4, 2] });
  expect(cost).toEqual({ params: 0, macs: 64 });
});
