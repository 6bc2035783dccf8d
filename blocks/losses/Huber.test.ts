import Huber from './Huber';
import { inferTable, pred } from '../testing/infer-table';

inferTable(Huber, [
  { name: 'default delta is 1', inputs: { pred: pred([null, 1]) }, out: { model: { loss: { type: 'huber', params: { delta: 1 } }, metrics: ['mae'] } } },
  { name: 'delta in years', params: { delta: 5 }, inputs: { pred: pred([null, 1]) }, out: { model: { loss: { params: { delta: 5 } } } } },
  { name: 'delta must be positive', params: { delta: 0 }, inputs: { pred: pred([null, 1]) }, error: 'J102' },
]);
