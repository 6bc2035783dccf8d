import StepDecay from './StepDecay';
import { inferTable } from '../testing/infer-table';

inferTable(StepDecay, [
  { name: 'defaults halve every 10 epochs', out: { schedule: { kind: 'schedule', spec: { type: 'step', params: { everyEpochs: 10, factor: 0.5 }, block: 'b' } } } },
  { name: 'every 3 epochs × 0.1', params: { everyEpochs: 3, factor: 0.1 }, out: { schedule: { spec: { params: { everyEpochs: 3, factor: 0.1 } } } } },
  { name: 'a factor of 0 would stop learning', params: { factor: 0 }, error: 'J102' },
  { name: 'a factor above 1 would grow the rate', params: { factor: 2 }, error: 'J102' },
  { name: 'every 0 epochs', params: { everyEpochs: 0 }, error: 'J102' },
]);
