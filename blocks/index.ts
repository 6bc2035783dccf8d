/**
 * The block library: every block Jimu knows, listed explicitly (no directory scanning), so the
 * palette, the compiler, the JSON Schema and the CLI all read the same list.
 */
import UNet2D from './composites/UNet2D';
import UNet3D from './composites/UNet3D';
import ResidualBlock2D from './composites/ResidualBlock2D';
import ResidualBlock3D from './composites/ResidualBlock3D';
import CnnBackbone2D from './composites/CnnBackbone2D';
import Sfcn3D from './composites/Sfcn3D';
import { makeRegistry, type BlockDef } from '../src/core';
import ImageFolder from './data/ImageFolder';
import Normalize from './data/Normalize';
import Resize from './data/Resize';
import SampleShapes from './data/SampleShapes';
import SampleFundus from './data/SampleFundus';
import SampleBrainAge from './data/SampleBrainAge';
import SampleGlioma from './data/SampleGlioma';
import SampleDose from './data/SampleDose';
import SamplePetCt from './data/SamplePetCt';
import Split from './data/Split';
import VolumeFolder from './data/VolumeFolder';
import Resample from './data/Resample';
import CropPad from './data/CropPad';
import CtWindow from './data/CtWindow';
import IntensityNormalize from './data/IntensityNormalize';
import PatchSample from './data/PatchSample';
import Augment from './data/Augment';
import ImageInput from './inputs/ImageInput';
import VectorInput from './inputs/VectorInput';
import VolumeInput from './inputs/VolumeInput';
import Dense from './layers/Dense';
import Conv2D from './layers/Conv2D';
import Conv3D from './layers/Conv3D';
import Conv2DTranspose from './layers/Conv2DTranspose';
import Conv3DTranspose from './layers/Conv3DTranspose';
import MaxPooling2D from './layers/MaxPooling2D';
import MaxPooling3D from './layers/MaxPooling3D';
import AveragePooling2D from './layers/AveragePooling2D';
import AveragePooling3D from './layers/AveragePooling3D';
import UpSampling2D from './layers/UpSampling2D';
import UpSampling3D from './layers/UpSampling3D';
import ZeroPadding2D from './layers/ZeroPadding2D';
import ZeroPadding3D from './layers/ZeroPadding3D';
import Cropping2D from './layers/Cropping2D';
import Cropping3D from './layers/Cropping3D';
import Activation from './layers/Activation';
import Add from './layers/Add';
import BatchNormalization from './layers/BatchNormalization';
import Concatenate from './layers/Concatenate';
import Dropout from './layers/Dropout';
import Flatten from './layers/Flatten';
import GlobalAveragePooling2D from './layers/GlobalAveragePooling2D';
import GlobalAveragePooling3D from './layers/GlobalAveragePooling3D';
import GlobalMaxPooling2D from './layers/GlobalMaxPooling2D';
import GlobalMaxPooling3D from './layers/GlobalMaxPooling3D';
import Multiply from './layers/Multiply';
import Reshape from './layers/Reshape';
import SpatialDropout2D from './layers/SpatialDropout2D';
import SpatialDropout3D from './layers/SpatialDropout3D';
import BinaryCrossentropy from './losses/BinaryCrossentropy';
import CategoricalCrossentropy from './losses/CategoricalCrossentropy';
import DiceCrossEntropy from './losses/DiceCrossEntropy';
import FocalLoss from './losses/FocalLoss';
import Huber from './losses/Huber';
import MeanAbsoluteError from './losses/MeanAbsoluteError';
import MeanSquaredError from './losses/MeanSquaredError';
import SoftDice from './losses/SoftDice';
import Adam from './optimizers/Adam';
import CosineDecay from './optimizers/CosineDecay';
import RMSprop from './optimizers/RMSprop';
import SGD from './optimizers/SGD';
import StepDecay from './optimizers/StepDecay';
import Evaluate from './training/Evaluate';
import Train from './training/Train';

export const BLOCKS: readonly BlockDef[] = [
  // data and preprocessing
  SampleShapes,
  SampleFundus,
  SampleBrainAge,
  SampleGlioma,
  SampleDose,
  SamplePetCt,
  ImageFolder,
  VolumeFolder,
  Split,
  Resize,
  Resample,
  CropPad,
  Normalize,
  CtWindow,
  IntensityNormalize,
  PatchSample,
  Augment,
  // model inputs
  ImageInput,
  VolumeInput,
  VectorInput,
  // layers
  Conv2D,
  Conv3D,
  MaxPooling2D,
  MaxPooling3D,
  AveragePooling2D,
  AveragePooling3D,
  Conv2DTranspose,
  Conv3DTranspose,
  UpSampling2D,
  UpSampling3D,
  ZeroPadding2D,
  ZeroPadding3D,
  Cropping2D,
  Cropping3D,
  Dense,
  BatchNormalization,
  Activation,
  Dropout,
  SpatialDropout2D,
  SpatialDropout3D,
  Flatten,
  Reshape,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  GlobalAveragePooling3D,
  GlobalMaxPooling3D,
  // composites: sub-graphs of the blocks above
  ResidualBlock2D,
  ResidualBlock3D,
  CnnBackbone2D,
  Sfcn3D,
  UNet2D,
  UNet3D,
  // merge
  Add,
  Concatenate,
  Multiply,
  // losses
  BinaryCrossentropy,
  CategoricalCrossentropy,
  MeanSquaredError,
  MeanAbsoluteError,
  Huber,
  SoftDice,
  DiceCrossEntropy,
  FocalLoss,
  // optimizers and learning-rate schedules
  Adam,
  SGD,
  RMSprop,
  StepDecay,
  CosineDecay,
  // training and evaluation
  Train,
  Evaluate,
];

export const REGISTRY = makeRegistry(BLOCKS);
