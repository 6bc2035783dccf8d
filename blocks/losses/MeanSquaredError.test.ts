import MeanSquaredError from './MeanSquaredError';
import { inferTable, pred } from '../testing/infer-table';

inferTable(MeanSquaredError, [
  { name: 'brain age', inputs: { pred: pred([null, 1]) }, out: { model: { loss: { type: 'mean_squared_error', params: {} }, metrics: ['mae'] } } },
  { name: 'a dose grid', inputs: { pred: pred([null, 16, 16, 16, 1]) }, out: { model: { outputShape: [null, 16, 16, 16, 1], metrics: ['mae'] } } },
  { name: 'unknown parameter', params: { delta: 1 }, inputs: { pred: pred([null, 1]) }, error: 'J103' },
]);
