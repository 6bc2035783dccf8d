import UpSampling2D from './UpSampling2D';
import { costTable } from '../testing/cost-table';
import { forwardTable } from '../../src/runtime/testing/forward-table';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(UpSampling2D, [
  { name: 'the default doubles the size', inputs: [[null, 8, 8, 3]], out: [null, 16, 16, 3] },
  { name: 'per-axis factors, bilinear', params: { size: [2, 3], interpolation: 'bilinear' }, inputs: [[null, 5, 7, 1]], out: [null, 10, 21, 1] },
  { name: 'unknown size stays unknown', params: { size: 4 }, inputs: [[null, null, 3, 2]], out: [null, null, 12, 2] },
  { name: 'a volume is refused with a hint to use the 3D block', inputs: [[null, 4, 4, 4, 1]], error: 'J301' },
  { name: 'a vector is refused', inputs: [[null, 4]], error: 'J301' },
  { name: 'a zero factor', params: { size: 0 }, inputs: [[null, 4, 4, 1]], error: 'J102' },
  { name: 'an unknown interpolation', params: { interpolation: 'bicubic' }, inputs: [[null, 4, 4, 1]], error: 'J102' },
]);

costTable(UpSampling2D, [
  { name: 'nearest only copies', input: [null, 8, 8, 3], weights: 0, macs: 0 },
  { name: 'bilinear blends four values per output', params: { size: [2, 3], interpolation: 'bilinear' }, input: [null, 5, 7, 1], weights: 0, macs: 4 * 10 * 21 },
]);

forwardTable(UpSampling2D, [
  { name: 'nearest, odd size', params: { size: [3, 2] }, input: [null, 3, 5, 2] },
  { name: 'bilinear', params: { interpolation: 'bilinear' }, input: [null, 3, 3, 1] },
]);
