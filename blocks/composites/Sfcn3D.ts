import { Sfcn3D } from './backbones';

export default Sfcn3D;
