import { globalPooling } from './global-pooling';

/** The mean of every channel over the whole volume. */
export default globalPooling({
  type: 'GlobalAveragePooling3D',
  label: { en: 'Global Average Pooling 3D', zh: '三维全局平均池化' },
  doc: {
    en: 'Averages each channel over the whole volume, turning [batch, depth, height, width, channels] into one number per channel. Use it to end a 3D network that predicts one value per scan, such as brain age from an MRI: it has no weights and works with any volume size.',
    zh: '对每个通道在整个体数据上求平均，把 [batch, 深, 高, 宽, 通道] 变为每个通道一个数值。用于结束每次扫描只预测一个值的三维网络，例如由 MRI 预测脑龄：没有权重，适用于任意体数据尺寸。',
  },
});
