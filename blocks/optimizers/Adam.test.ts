import Adam from './Adam';
import { inferTable } from '../testing/infer-table';

inferTable(Adam, [
  { name: 'defaults', out: { optimizer: { spec: { type: 'adam', params: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } } } } },
  { name: 'no schedule leaves none', out: { optimizer: { spec: { type: 'adam' } } } },
  { name: 'beta2 must stay below 1', params: { beta2: 1 }, error: 'J102' },
  { name: 'epsilon must be positive', params: { epsilon: 0 }, error: 'J102' },
  { name: 'a learning rate that is not a number', params: { learningRate: 'fast' }, error: 'J102' },
]);
