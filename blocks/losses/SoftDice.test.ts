import SoftDice from './SoftDice';
import { inferTable, pred } from '../testing/infer-table';

inferTable(SoftDice, [
  { name: 'a 2D mask', inputs: { pred: pred([null, 64, 64, 1]) }, out: { model: { loss: { type: 'soft_dice', params: { smooth: 1, includeBackground: false } }, metrics: ['dice'] } } },
  { name: 'a 3D label map', params: { smooth: 0.5 }, inputs: { pred: pred([null, 32, 32, 32, 3]) }, out: { model: { loss: { params: { smooth: 0.5 } } } } },
  { name: 'a class score is not a mask', inputs: { pred: pred([null, 3]) }, error: 'J301', port: 'pred' },
  { name: 'negative smoothing', params: { smooth: -1 }, inputs: { pred: pred([null, 8, 8, 1]) }, error: 'J102' },
]);
