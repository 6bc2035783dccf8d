import { convTransposeLayer } from './spatial-layers';

const DOC = {
  en: 'Enlarges a volume with learned filters: each input voxel paints a small learned cube into a bigger output. With kernel size 2 and strides 2 it doubles depth, height and width, as in the decoder path of a 3D U-Net for tumour segmentation or dose prediction. Up-sampling 3D followed by a Conv 3D is a lighter alternative that avoids checkerboard artefacts.',
  zh: '用可学习的卷积核放大体数据：每个输入体素在更大的输出中“绘制”一个学到的小立方体。卷积核尺寸 2、步长 2 时深、高、宽都加倍，常用于肿瘤分割或剂量预测的三维 U-Net 解码路径。“三维上采样 + 三维卷积”是更轻量的替代方案，可避免棋盘格伪影。',
};

/** A transposed ("up-") convolution over volumes: each input voxel paints a learned patch of the output. */
export default convTransposeLayer(3, DOC);
