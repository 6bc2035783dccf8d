import { unetBlock } from './unet';

/** A 2D U-Net for segmenting images. */
export default unetBlock(2);
