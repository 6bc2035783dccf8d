import { spatialDropout } from './dropout-common';

/** Drops whole channels of a volume while training. */
export default spatialDropout({
  type: 'SpatialDropout3D',
  label: { en: 'Spatial Dropout 3D', zh: '三维空间丢弃' },
  doc: {
    en: 'While training, switches off whole channels (entire 3D feature maps) of [batch, depth, height, width, channels] at random, so a 3D network cannot rely on any single feature map. Helps against overfitting when there are few scans. Does nothing when the model predicts.',
    zh: '训练时随机关闭 [batch, 深, 高, 宽, 通道] 中的整个通道（整个三维特征图），使三维网络不能依赖某一张特征图。在扫描数量较少时有助于防止过拟合。模型预测时不起作用。',
  },
});
