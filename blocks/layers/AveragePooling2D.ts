import { poolingLayer } from './spatial-layers';

const DOC = {
  en: 'Shrinks an image by averaging each small window (2×2 halves the height and width). Unlike max pooling it keeps the overall brightness of a region rather than its strongest spot, which suits smooth, diffuse findings. It has no weights.',
  zh: '对每个小窗口求平均来缩小图像（2×2 窗口使高和宽减半）。与最大池化不同，它保留区域的整体亮度而不是最强的一点，适合平滑、弥散的表现。它没有权重。',
};

/** Averages each window of an image, channel by channel. */
export default poolingLayer('AveragePooling', 2, DOC);
