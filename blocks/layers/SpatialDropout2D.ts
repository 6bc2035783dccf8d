import { spatialDropout } from './dropout-common';

/** Drops whole channels of an image while training. */
export default spatialDropout({
  type: 'SpatialDropout2D',
  label: { en: 'Spatial Dropout 2D', zh: '二维空间丢弃' },
  doc: {
    en: 'While training, switches off whole channels (entire feature maps) of [batch, height, width, channels] at random, so the network cannot rely on any single feature map. Better than plain Dropout after convolutions, where neighbouring pixels are so alike that dropping single values does little. Does nothing when the model predicts.',
    zh: '训练时随机关闭 [batch, 高, 宽, 通道] 中的整个通道（整张特征图），使网络不能依赖某一张特征图。在卷积层之后比普通“丢弃”更有效，因为相邻像素非常相似，只丢弃单个数值作用不大。模型预测时不起作用。',
  },
});
