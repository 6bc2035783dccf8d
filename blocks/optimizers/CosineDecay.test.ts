import CosineDecay from './CosineDecay';
import { inferTable } from '../testing/infer-table';

inferTable(CosineDecay, [
  { name: 'defaults', out: { schedule: { spec: { type: 'cosine', params: { epochs: 50, minLearningRate: 0, warmupEpochs: 0 } } } } },
  { name: 'with warm-up', params: { epochs: 20, warmupEpochs: 2, minLearningRate: 1e-5 }, out: { schedule: { spec: { params: { warmupEpochs: 2 } } } } },
  { name: 'a warm-up as long as the decay', params: { epochs: 5, warmupEpochs: 5 }, error: 'J304' },
  { name: 'a negative floor', params: { minLearningRate: -1 }, error: 'J102' },
]);
