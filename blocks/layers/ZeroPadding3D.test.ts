import ZeroPadding3D from './ZeroPadding3D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(ZeroPadding3D, [
  { name: 'one voxel on every side by default', inputs: [[null, 3, 4, 5, 2]], out: [null, 5, 6, 7, 2] },
  { name: 'per axis', params: { padding: [0, 1, 2] }, inputs: [[null, 3, 4, 5, 2]], out: [null, 3, 6, 9, 2] },
  { name: 'before and after per axis', params: { padding: [[0, 1], [1, 0], [2, 2]] }, inputs: [[null, 3, 4, 5, 2]], out: [null, 4, 5, 9, 2] },
  { name: 'unknown depth stays unknown', inputs: [[null, null, 4, 4, 1]], out: [null, null, 6, 6, 1] },
  { name: 'an image is refused with a hint to use the 2D block', inputs: [[null, 4, 4, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 4]], error: 'J301' },
  { name: 'two values for three axes', params: { padding: [1, 1] }, inputs: [[null, 4, 4, 4, 1]], error: 'J102' },
  { name: 'fractional padding', params: { padding: 0.5 }, inputs: [[null, 4, 4, 4, 1]], error: 'J102' },
]);

costTable(ZeroPadding3D, [{ name: 'no arithmetic', input: [null, 4, 4, 4, 1], weights: 0, macs: 0 }]);

forwardTable(ZeroPadding3D, [{ name: 'uneven margins', params: { padding: [[0, 1], [1, 0], [2, 1]] }, input: [null, 3, 2, 1, 2] }]);
