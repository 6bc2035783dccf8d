import { CnnBackbone2D } from './backbones';

export default CnnBackbone2D;
