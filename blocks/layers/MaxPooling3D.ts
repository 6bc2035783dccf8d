import { poolingLayer } from './spatial-layers';

const DOC = {
  en: 'Shrinks a volume by keeping only the strongest response in each small cube (2×2×2 halves depth, height and width, leaving one eighth of the voxels). It makes 3D networks affordable, less sensitive to small shifts, and lets later layers see a larger region of the scan. It has no weights; place it after one or two 3D convolutions.',
  zh: '在每个小立方体中只保留最强的响应来缩小体数据（2×2×2 窗口使深、高、宽都减半，只剩八分之一的体素）。它让三维网络的计算量可以承受，减弱对微小位移的敏感性，并让后面的层看到扫描中更大的区域。它没有权重，通常放在一两层三维卷积之后。',
};

/** Keeps the largest value of each window of a volume, channel by channel. */
export default poolingLayer('MaxPooling', 3, DOC);
