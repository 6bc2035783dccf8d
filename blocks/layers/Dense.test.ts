import Dense from './Dense';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(Dense, [
  { name: 'vector to units', params: { units: 10 }, inputs: [[null, 128]], out: [null, 10] },
  { name: 'no bias', params: { units: 3, useBias: false, activation: 'softmax' }, inputs: [[null, 7]], out: [null, 3] },
  { name: 'an image is refused with a hint to flatten', params: { units: 4 }, inputs: [[null, 8, 8, 3]], error: 'J301' },
  { name: 'zero units is invalid', params: { units: 0 }, inputs: [[null, 8]], error: 'J102' },
  { name: 'unknown parameter', params: { unit: 4 }, inputs: [[null, 8]], error: 'J103' },
]);
