import CategoricalCrossentropy from './CategoricalCrossentropy';
import { inferTable, pred } from '../testing/infer-table';

inferTable(CategoricalCrossentropy, [
  { name: 'five grades', inputs: { pred: pred([null, 5], 'd') }, out: { model: { output: { block: 'd', port: 'out' }, loss: { type: 'categorical_crossentropy', block: 'b' }, metrics: ['accuracy'] } } },
  { name: 'a label map with a background channel', inputs: { pred: pred([null, 16, 16, 4]) }, out: { model: { outputShape: [null, 16, 16, 4], metrics: ['dice'] } } },
  { name: 'one output is refused with a pointer to binary cross-entropy', inputs: { pred: pred([null, 1]) }, error: 'J301', port: 'pred' },
  { name: 'one-channel map is refused too', inputs: { pred: pred([null, 8, 8, 1]) }, error: 'J301', port: 'pred' },
]);
