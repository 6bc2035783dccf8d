import { poolingLayer } from './spatial-layers';

const DOC = {
  en: 'Shrinks an image by keeping only the strongest response in each small window (2×2 halves the height and width). It makes the network cheaper and less sensitive to small shifts, and lets later layers see a larger part of the image. It has no weights; place it after one or two convolutions.',
  zh: '在每个小窗口中只保留最强的响应来缩小图像（2×2 窗口使高和宽减半）。它能降低计算量、减弱对微小位移的敏感性，并让后面的层看到更大的范围。它没有权重，通常放在一两层卷积之后。',
};

/** Keeps the largest value of each window of an image, channel by channel. */
export default poolingLayer('MaxPooling', 2, DOC);
