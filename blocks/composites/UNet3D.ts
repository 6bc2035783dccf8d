import { unetBlock } from './unet';

/** A 3D U-Net for segmenting volumes (glioma, lesions, organs). */
export default unetBlock(3);
