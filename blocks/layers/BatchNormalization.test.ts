import { expect, it } from 'vitest';
import BatchNormalization from './BatchNormalization';
import { shapeTable } from '../../src/runtime/testing/shape-table';
import { hintTable } from '../../src/runtime/testing/hint-table';

shapeTable(BatchNormalization, [
  { name: 'an image keeps its shape', inputs: [[null, 32, 32, 16]], out: [null, 32, 32, 16] },
  { name: 'a volume', inputs: [[null, 8, 16, 16, 4]], out: [null, 8, 16, 16, 4] },
  { name: 'a vector', params: { momentum: 0.9, epsilon: 1e-5 }, inputs: [[null, 64]], out: [null, 64] },
  { name: 'a sequence (rank 3)', inputs: [[null, 10, 6]], out: [null, 10, 6] },
  { name: 'without shift', params: { center: false }, inputs: [[null, 8, 8, 5]], out: [null, 8, 8, 5] },
  { name: 'without scale', params: { scale: false }, inputs: [[null, 8, 8, 5]], out: [null, 8, 8, 5] },
  { name: 'neither', params: { center: false, scale: false }, inputs: [[null, 7]], out: [null, 7] },
  { name: 'momentum above 1', params: { momentum: 1.5 }, inputs: [[null, 8]], error: 'J102' },
  { name: 'zero epsilon', params: { epsilon: 0 }, inputs: [[null, 8]], error: 'J102' },
  { name: 'unknown parameter', params: { axis: 1 }, inputs: [[null, 8]], error: 'J103' },
  { name: 'unknown channels', inputs: [[null, 8, 8, null]], error: 'J304' },
]);

hintTable(BatchNormalization, [
  { name: 'unknown channels', inputs: [[null, 8, 8, null]], code: 'J304', message: 'number of channels', hint: 'fixed number of channels' },
]);

it('BatchNormalization: 4 values per channel, 2 of them trained; one multiply-add per value', () => {
  const io = { inputs: [[null, 4, 4, 16]], output: [null, 4, 4, 16] };
  const p = { momentum: 0.99, epsilon: 1e-3 };
  expect(BatchNormalization.cost!({ ...p, center: true, scale: true }, io)).toEqual({ params: 64, macs: 256 });
  expect(BatchNormalization.cost!({ ...p, center: false, scale: true }, io)).toEqual({ params: 48, macs: 256 });
});
