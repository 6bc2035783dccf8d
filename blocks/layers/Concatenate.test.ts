import Concatenate from './Concatenate';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(Concatenate, [
  { name: 'U-Net skip: channels add up', inputs: [[null, 32, 32, 16], [null, 32, 32, 32]], out: [null, 32, 32, 48] },
  { name: 'three volumes', inputs: [[null, 8, 8, 8, 2], [null, 8, 8, 8, 3], [null, 8, 8, 8, 4]], out: [null, 8, 8, 8, 9] },
  { name: 'vectors', inputs: [[null, 10], [null, 6]], out: [null, 16] },
  { name: 'along the width (axis 2)', params: { axis: 2 }, inputs: [[null, 8, 4, 3], [null, 8, 6, 3]], out: [null, 8, 10, 3] },
  { name: 'along the height (axis -3)', params: { axis: -3 }, inputs: [[null, 8, 4, 3], [null, 2, 4, 3]], out: [null, 10, 4, 3] },
  { name: 'one branch only', inputs: [[null, 32, 32, 16]], error: 'J305' },
  { name: 'sizes differ', inputs: [[null, 32, 32, 16], [null, 16, 16, 32]], error: 'J302' },
  { name: 'channels differ when joining along the width', params: { axis: 2 }, inputs: [[null, 8, 4, 3], [null, 8, 6, 5]], error: 'J302' },
  { name: 'an image and a vector', inputs: [[null, 8, 8, 4], [null, 4]], error: 'J302' },
  { name: 'the batch axis', params: { axis: 0 }, inputs: [[null, 4], [null, 4]], error: 'J304' },
  { name: 'an axis the tensor lacks', params: { axis: 4 }, inputs: [[null, 8, 8, 4], [null, 8, 8, 4]], error: 'J304' },
  { name: 'a fractional axis', params: { axis: 1.5 }, inputs: [[null, 4], [null, 4]], error: 'J102' },
]);

hintTable(Concatenate, [
  {
    name: 'sizes differ: the message names height and width and suggests pooling or upsampling',
    inputs: [[null, 32, 32, 16], [null, 16, 16, 32]],
    code: 'J302',
    message: 'cannot combine [batch, 32, 32, 16] and [batch, 16, 16, 32]: Concatenate joins along the channels, so the other dimensions must match, but these differ in height and width',
    hint: 'so both branches have the same size',
  },
  {
    name: 'volumes differ in depth, height and width',
    inputs: [[null, 16, 32, 32, 8], [null, 8, 16, 16, 8]],
    code: 'J302',
    message: 'differ in depth, height and width',
    hint: 'pool size 2',
  },
  { name: 'the batch axis', params: { axis: 0 }, inputs: [[null, 4], [null, 4]], code: 'J304', message: 'axis 0 is the batch', hint: 'Use -1' },
  { name: 'one branch only', inputs: [[null, 4]], code: 'J305', message: 'Concatenate combines two or more branches', hint: 'Link a second branch' },
]);
