import MeanAbsoluteError from './MeanAbsoluteError';
import { inferTable, pred } from '../testing/infer-table';

inferTable(MeanAbsoluteError, [
  { name: 'brain age', inputs: { pred: pred([null, 1]) }, out: { model: { loss: { type: 'mean_absolute_error' }, metrics: ['mae'] } } },
  { name: 'a dose grid', inputs: { pred: pred([null, 8, 8, 8, 1]) }, out: { model: { metrics: ['mae'] } } },
]);
