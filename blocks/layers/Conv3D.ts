import { convLayer } from './spatial-layers';

const DOC = {
  en: 'Slides small learned 3D filters through the whole volume, so each output voxel summarises a small cube around it across neighbouring slices too. The basic building block for MRI, CT and PET networks (brain age, tumour segmentation, dose prediction). 3D filters cost much more memory than 2D ones: start with few filters (8–16) and small volumes, and use strides 2 or pooling to shrink the volume.',
  zh: '用可学习的三维小卷积核在整个体数据中滑动，使每个输出体素概括其周围的小立方体（包括相邻切片）。它是 MRI、CT 和 PET 网络（脑龄预测、肿瘤分割、剂量预测）的基本模块。三维卷积比二维卷积占用多得多的内存：请从较少的卷积核（8–16 个）和较小的体数据开始，并用步长 2 或池化缩小体数据。',
};

/** A 3D convolution over volumes: [batch, depth, height, width, channels] → [batch, depth', height', width', filters]. */
export default convLayer(3, DOC);
