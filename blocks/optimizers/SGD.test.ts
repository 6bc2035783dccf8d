import SGD from './SGD';
import { inferTable } from '../testing/infer-table';

const step = { kind: 'schedule', spec: { type: 'step', params: { everyEpochs: 10, factor: 0.5 }, block: 's' } } as const;
const cosine = (minLearningRate: number) => ({ kind: 'schedule', spec: { type: 'cosine', params: { epochs: 10, minLearningRate, warmupEpochs: 0 }, block: 'c' } }) as const;

inferTable(SGD, [
  { name: 'defaults', out: { optimizer: { kind: 'optimizer', spec: { type: 'sgd', params: { learningRate: 0.01, momentum: 0, nesterov: false }, block: 'b' } } } },
  { name: 'Nesterov momentum', params: { momentum: 0.9, nesterov: true }, out: { optimizer: { spec: { params: { momentum: 0.9, nesterov: true } } } } },
  { name: 'with a step schedule', inputs: { schedule: step }, out: { optimizer: { spec: { schedule: step.spec } } } },
  { name: 'a cosine floor below the rate', inputs: { schedule: cosine(0.001) }, out: { optimizer: { spec: { schedule: { type: 'cosine' } } } } },
  { name: 'a cosine floor above the rate', inputs: { schedule: cosine(0.1) }, error: 'J304', port: 'schedule' },
  { name: 'momentum of 1 never forgets', params: { momentum: 1 }, error: 'J102' },
  { name: 'zero learning rate', params: { learningRate: 0 }, error: 'J102' },
]);
