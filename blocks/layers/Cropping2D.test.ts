import Cropping2D from './Cropping2D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(Cropping2D, [
  { name: 'one pixel off every side by default', inputs: [[null, 8, 8, 3]], out: [null, 6, 6, 3] },
  { name: 'per axis', params: { cropping: [1, 2] }, inputs: [[null, 8, 8, 3]], out: [null, 6, 4, 3] },
  { name: 'before and after per axis', params: { cropping: [[0, 1], [2, 3]] }, inputs: [[null, 9, 9, 1]], out: [null, 8, 4, 1] },
  { name: 'a volume is refused with a hint to use the 3D block', inputs: [[null, 4, 4, 4, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 4]], error: 'J301' },
  { name: 'cropping everything away', params: { cropping: 4 }, inputs: [[null, 8, 8, 1]], error: 'J303' },
  { name: 'one-sided crop larger than the image', params: { cropping: [[0, 0], [9, 0]] }, inputs: [[null, 8, 8, 1]], error: 'J303' },
  { name: 'negative cropping', params: { cropping: -1 }, inputs: [[null, 8, 8, 1]], error: 'J102' },
  { name: 'fractional cropping', params: { cropping: [1.5, 1] }, inputs: [[null, 8, 8, 1]], error: 'J102' },
]);

costTable(Cropping2D, [{ name: 'no arithmetic', input: [null, 8, 8, 1], weights: 0, macs: 0 }]);

forwardTable(Cropping2D, [{ name: 'uneven margins', params: { cropping: [[0, 1], [2, 1]] }, input: [null, 3, 5, 2] }]);
