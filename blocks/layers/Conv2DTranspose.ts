import { convTransposeLayer } from './spatial-layers';

const DOC = {
  en: 'Enlarges an image with learned filters: each input pixel paints a small learned patch into a bigger output. With kernel size 2 and strides 2 it doubles the height and width, as in the decoder ("up") path of a U-Net for segmentation. Up-sampling followed by a Conv 2D is a simpler alternative that avoids checkerboard artefacts.',
  zh: '用可学习的卷积核放大图像：每个输入像素在更大的输出上“绘制”一小块学到的图案。卷积核尺寸 2、步长 2 时高和宽加倍，常用于分割 U-Net 的解码（上采样）路径。“上采样 + 二维卷积”是更简单的替代方案，可避免棋盘格伪影。',
};

/** A transposed ("up-") convolution over images: each input pixel paints a learned patch of the output. */
export default convTransposeLayer(2, DOC);
