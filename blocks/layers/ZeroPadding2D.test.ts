import ZeroPadding2D from './ZeroPadding2D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(ZeroPadding2D, [
  { name: 'one pixel on every side by default', inputs: [[null, 5, 5, 1]], out: [null, 7, 7, 1] },
  { name: 'per axis', params: { padding: [1, 2] }, inputs: [[null, 5, 5, 3]], out: [null, 7, 9, 3] },
  { name: 'before and after per axis', params: { padding: [[0, 1], [2, 3]] }, inputs: [[null, 5, 5, 1]], out: [null, 6, 10, 1] },
  { name: 'zero padding changes nothing', params: { padding: 0 }, inputs: [[null, 4, 6, 2]], out: [null, 4, 6, 2] },
  { name: 'unknown size stays unknown', inputs: [[null, null, 4, 1]], out: [null, null, 6, 1] },
  { name: 'a volume is refused with a hint to use the 3D block', inputs: [[null, 4, 4, 4, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 4]], error: 'J301' },
  { name: 'negative padding', params: { padding: -1 }, inputs: [[null, 4, 4, 1]], error: 'J102' },
  { name: 'a triple in a pair', params: { padding: [[1, 2, 3], [1, 1]] }, inputs: [[null, 4, 4, 1]], error: 'J102' },
]);

costTable(ZeroPadding2D, [{ name: 'no arithmetic', input: [null, 4, 4, 1], weights: 0, macs: 0 }]);

forwardTable(ZeroPadding2D, [{ name: 'uneven margins', params: { padding: [[0, 1], [2, 3]] }, input: [null, 3, 2, 2] }]);
