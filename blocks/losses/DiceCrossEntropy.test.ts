import DiceCrossEntropy from './DiceCrossEntropy';
import { inferTable, pred } from '../testing/infer-table';

inferTable(DiceCrossEntropy, [
  {
    name: 'BraTS-style label map, equal weights',
    inputs: { pred: pred([null, 32, 32, 32, 4]) },
    out: { model: { loss: { type: 'dice_cross_entropy', params: { diceWeight: 1, crossEntropyWeight: 1, smooth: 1, includeBackground: false } }, metrics: ['dice'] } },
  },
  { name: 'custom weights', params: { diceWeight: 2, crossEntropyWeight: 0.5 }, inputs: { pred: pred([null, 8, 8, 1]) }, out: { model: { loss: { params: { diceWeight: 2, crossEntropyWeight: 0.5 } } } } },
  { name: 'a vector is not a mask', inputs: { pred: pred([null, 4]) }, error: 'J301', port: 'pred' },
  { name: 'both weights zero', params: { diceWeight: 0, crossEntropyWeight: 0 }, inputs: { pred: pred([null, 8, 8, 1]) }, error: 'J304' },
]);
