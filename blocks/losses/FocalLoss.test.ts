import FocalLoss from './FocalLoss';
import { inferTable, pred } from '../testing/infer-table';

inferTable(FocalLoss, [
  { name: 'defaults from the paper', inputs: { pred: pred([null, 1]) }, out: { model: { loss: { type: 'focal', params: { gamma: 2, alpha: 0.25 } }, metrics: ['binary_accuracy', 'auc'] } } },
  { name: 'a PET lesion mask', inputs: { pred: pred([null, 32, 32, 32, 1]) }, out: { model: { metrics: ['dice'] } } },
  { name: 'alpha above 1', params: { alpha: 1.5 }, inputs: { pred: pred([null, 1]) }, error: 'J102' },
  { name: 'negative gamma', params: { gamma: -1 }, inputs: { pred: pred([null, 1]) }, error: 'J102' },
]);
