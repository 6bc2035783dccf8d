import Cropping3D from './Cropping3D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(Cropping3D, [
  { name: 'one voxel off every side by default', inputs: [[null, 8, 8, 8, 1]], out: [null, 6, 6, 6, 1] },
  { name: 'per axis', params: { cropping: [0, 1, 2] }, inputs: [[null, 5, 6, 7, 2]], out: [null, 5, 4, 3, 2] },
  { name: 'before and after per axis', params: { cropping: [[1, 0], [0, 2], [3, 3]] }, inputs: [[null, 4, 5, 9, 1]], out: [null, 3, 3, 3, 1] },
  { name: 'unknown depth stays unknown', inputs: [[null, null, 4, 4, 1]], out: [null, null, 2, 2, 1] },
  { name: 'an image is refused with a hint to use the 2D block', inputs: [[null, 8, 8, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 8]], error: 'J301' },
  { name: 'cropping every slice away', params: { cropping: [[2, 2], [0, 0], [0, 0]] }, inputs: [[null, 4, 8, 8, 1]], error: 'J303' },
  { name: 'pairs for two axes only', params: { cropping: [[1, 1], [1, 1]] }, inputs: [[null, 8, 8, 8, 1]], error: 'J102' },
  { name: 'too large a crop', params: { cropping: 5000 }, inputs: [[null, 8, 8, 8, 1]], error: 'J102' },
]);

costTable(Cropping3D, [{ name: 'no arithmetic', input: [null, 8, 8, 8, 1], weights: 0, macs: 0 }]);

forwardTable(Cropping3D, [{ name: 'uneven margins', params: { cropping: [[0, 1], [1, 0], [2, 1]] }, input: [null, 3, 2, 5, 2] }]);
