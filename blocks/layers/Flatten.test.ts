import Flatten from './Flatten';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(Flatten, [
  { name: 'an image to a vector', inputs: [[null, 8, 8, 64]], out: [null, 4096] },
  { name: 'a volume to a vector', inputs: [[null, 4, 6, 6, 2]], out: [null, 288] },
  { name: 'a sequence to a vector', inputs: [[null, 10, 3]], out: [null, 30] },
  { name: 'a vector is refused', inputs: [[null, 64]], error: 'J301' },
  { name: 'an unknown size', inputs: [[null, null, 8, 3]], error: 'J304' },
  { name: 'it has no parameters', params: { dataFormat: 'channelsLast' }, inputs: [[null, 8, 8, 3]], error: 'J103' },
]);

hintTable(Flatten, [
  { name: 'a vector needs no Flatten', inputs: [[null, 64]], code: 'J301', message: '[batch, 64]', hint: 'already a vector: remove Flatten' },
  { name: 'an unknown size suggests global pooling', inputs: [[null, null, 8, 3]], code: 'J304', message: 'not fixed', hint: 'Global Average Pooling' },
]);
