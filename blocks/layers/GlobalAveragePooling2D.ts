import { globalPooling } from './global-pooling';

/** The mean of every channel over the whole image. */
export default globalPooling({
  type: 'GlobalAveragePooling2D',
  label: { en: 'Global Average Pooling 2D', zh: '二维全局平均池化' },
  doc: {
    en: 'Averages each channel over the whole image, turning [batch, height, width, channels] into one number per channel. The usual bridge from convolutions to a classifier (Dense): it has no weights, works with any image size and overfits less than Flatten.',
    zh: '对每个通道在整幅图像上求平均，把 [batch, 高, 宽, 通道] 变为每个通道一个数值。这是从卷积层到分类器（全连接层）的常用过渡：没有权重，适用于任意图像尺寸，比“展平”更不易过拟合。',
  },
});
