import { residualBlock } from './residual';

export default residualBlock(3);
