import RMSprop from './RMSprop';
import { inferTable } from '../testing/infer-table';

inferTable(RMSprop, [
  { name: 'defaults', out: { optimizer: { spec: { type: 'rmsprop', params: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7 } } } } },
  { name: 'with momentum', params: { momentum: 0.5 }, out: { optimizer: { spec: { params: { momentum: 0.5 } } } } },
  { name: 'rho out of range', params: { rho: -0.1 }, error: 'J102' },
  { name: 'unknown parameter', params: { decay: 0.9 }, error: 'J103' },
]);
