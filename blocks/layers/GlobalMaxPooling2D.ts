import { globalPooling } from './global-pooling';

/** The largest value of every channel over the whole image. */
export default globalPooling({
  type: 'GlobalMaxPooling2D',
  label: { en: 'Global Max Pooling 2D', zh: '二维全局最大池化' },
  doc: {
    en: 'Keeps the largest value of each channel over the whole image, turning [batch, height, width, channels] into one number per channel. Suits findings that may be small and anywhere in the image (a lesion, a haemorrhage): one strong response is enough. It has no weights.',
    zh: '保留每个通道在整幅图像上的最大值，把 [batch, 高, 宽, 通道] 变为每个通道一个数值。适合病灶小、位置不定的情况（如病变、出血）：只要有一处强响应即可。没有权重。',
  },
});
