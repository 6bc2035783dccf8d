import BinaryCrossentropy from './BinaryCrossentropy';
import { inferTable, pred } from '../testing/infer-table';

const loss = { type: 'binary_crossentropy', params: {}, block: 'b' };

inferTable(BinaryCrossentropy, [
  { name: 'one yes/no output', inputs: { pred: pred([null, 1]) }, out: { model: { kind: 'model', output: { block: 'head', port: 'out' }, outputShape: [null, 1], loss, metrics: ['binary_accuracy', 'auc'] } } },
  { name: 'multi-label fundus screening', inputs: { pred: pred([null, 8]) }, out: { model: { outputShape: [null, 8], metrics: ['binary_accuracy', 'auc'] } } },
  { name: 'a foreground mask is scored with Dice', inputs: { pred: pred([null, 32, 32, 32, 1]) }, out: { model: { metrics: ['dice'] } } },
  { name: 'takes no parameters', params: { fromLogits: true }, inputs: { pred: pred([null, 1]) }, error: 'J103' },
]);
