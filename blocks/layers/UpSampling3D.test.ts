import UpSampling3D from './UpSampling3D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(UpSampling3D, [
  { name: 'the default doubles every axis', inputs: [[null, 4, 5, 6, 2]], out: [null, 8, 10, 12, 2] },
  { name: 'in-plane factors keep the slices', params: { size: [1, 2, 2] }, inputs: [[null, 3, 5, 5, 1]], out: [null, 3, 10, 10, 1] },
  { name: 'unknown depth stays unknown', params: { size: 3 }, inputs: [[null, null, 4, 4, 1]], out: [null, null, 12, 12, 1] },
  { name: 'an image is refused with a hint to use the 2D block', inputs: [[null, 4, 4, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 4]], error: 'J301' },
  { name: 'two factors', params: { size: [2, 2] }, inputs: [[null, 4, 4, 4, 1]], error: 'J102' },
  { name: 'too large a factor', params: { size: 17 }, inputs: [[null, 4, 4, 4, 1]], error: 'J102' },
  { name: 'interpolation is not a parameter', params: { interpolation: 'nearest' }, inputs: [[null, 4, 4, 4, 1]], error: 'J103' },
]);

costTable(UpSampling3D, [{ name: 'repeating only copies', input: [null, 4, 4, 4, 2], weights: 0, macs: 0 }]);

forwardTable(UpSampling3D, [
  { name: 'odd size, per-axis factors', params: { size: [1, 2, 3] }, input: [null, 3, 2, 3, 2] },
]);
