import { convLayer } from './spatial-layers';

const DOC = {
  en: 'Slides small learned filters over the image, so each output pixel summarises its neighbourhood: edges and textures in the first layers, lesions and anatomy deeper down. The basic building block of image networks, for fundus photos or single slices. Stack several with "relu", and use strides 2 or pooling to shrink the image as the number of filters grows.',
  zh: '用可学习的小卷积核在图像上滑动，使每个输出像素概括其邻域：浅层识别边缘和纹理，深层识别病灶和解剖结构。它是图像网络（如眼底照片或单张切片）的基本模块。通常叠加多层并使用 "relu"，随着卷积核数量增加，用步长 2 或池化缩小图像。',
};

/** A 2D convolution over images: [batch, height, width, channels] → [batch, height', width', filters]. */
export default convLayer(2, DOC);
