import { globalPooling } from './global-pooling';

/** The largest value of every channel over the whole volume. */
export default globalPooling({
  type: 'GlobalMaxPooling3D',
  label: { en: 'Global Max Pooling 3D', zh: '三维全局最大池化' },
  doc: {
    en: 'Keeps the largest value of each channel over the whole volume, turning [batch, depth, height, width, channels] into one number per channel. Suits scans where a small finding anywhere in the volume decides the answer (for example whether a PET/CT scan shows any lesion). It has no weights.',
    zh: '保留每个通道在整个体数据上的最大值，把 [batch, 深, 高, 宽, 通道] 变为每个通道一个数值。适合体数据中任一处的小发现即可决定结果的情况（例如 PET/CT 扫描中是否存在病灶）。没有权重。',
  },
});
