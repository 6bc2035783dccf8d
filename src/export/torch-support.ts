/**
 * What the PyTorch export supports, in one table per kind, each keyed as the plan names it. The Python
 * side (`python/jimu_torch/`) holds the matching lowerings; `torch-support.test.ts` checks that every
 * class a layer block lowers to is in LAYER_CLASSES, and that jimu_torch's tables list the same names.
 */

/** Keras layer classes (the plan's model JSON) → what jimu_torch runs them with. */
export const LAYER_CLASSES = {
  Conv2D: 'TensorFlow "same" padding from the static shape, kernel [k…, in, out] → [out, in, k…]',
  Conv3D: 'as Conv2D',
  Conv2DTranspose: 'kernel [k…, out, in] → [in, out, k…]; "same" crops the full output as TensorFlow does',
  Conv3DTranspose: 'as Conv2DTranspose',
  Dense: 'kernel [in, out] → [out, in]; on the last axis at any rank',
  BatchNormalization: 'Keras momentum and epsilon, biased batch variance, any rank; optional cross-process statistics',
  MaxPooling2D: 'TensorFlow "same" padding with −∞',
  MaxPooling3D: 'as MaxPooling2D',
  AveragePooling2D: 'TensorFlow "same" averages only the values under the window',
  AveragePooling3D: 'as AveragePooling2D',
  GlobalAveragePooling2D: 'mean over space',
  GlobalAveragePooling3D: 'mean over space',
  GlobalMaxPooling2D: 'maximum over space',
  GlobalMaxPooling3D: 'maximum over space',
  Activation: 'relu, elu, gelu (erf), swish, sigmoid, softmax (channels), tanh, linear',
  LeakyReLU: 'alpha',
  Dropout: 'inverted dropout (masks differ from tfjs; same statistics)',
  SpatialDropout2D: 'one mask value per channel and example',
  SpatialDropout3D: 'one mask value per channel and example',
  Flatten: 'channels-last row order',
  Reshape: 'channels-last row order',
  UpSampling2D: "nearest: repeat; bilinear: TensorFlow 1's corner rule (input position = output · in/out), neither align_corners setting",
  UpSampling3D: 'repeat',
  ZeroPadding2D: 'explicit pairs',
  ZeroPadding3D: 'explicit pairs',
  Cropping2D: 'explicit pairs',
  Cropping3D: 'explicit pairs',
  Add: 'sum',
  Multiply: 'product',
  Concatenate: 'the Keras axis mapped to channels-first',
} as const satisfies Record<string, string>;

/** Data blocks the exported project runs (python/jimu_torch/data.py DATA_STEPS). Sample sources are written as files. */
export const DATA_BLOCKS = [
  'SampleShapes',
  'SampleFundus',
  'SampleBrainAge',
  'SampleGlioma',
  'SampleDose',
  'SamplePetCt',
  'VolumeFolder',
  'ImageFolder',
  'Split',
  'Normalize',
  'CtWindow',
  'IntensityNormalize',
  'Resample',
  'CropPad',
  'Resize',
  'PatchSample',
  'Augment',
] as const;

/** Sample sources: `--with-data` writes their examples as a dataset folder. */
export const SAMPLE_SOURCES = ['SampleShapes', 'SampleFundus', 'SampleBrainAge', 'SampleGlioma', 'SampleDose', 'SamplePetCt'] as const;

/** Loss types of the plan (python/jimu_torch/losses.py LOSSES). */
export const LOSS_TYPES = ['binary_crossentropy', 'categorical_crossentropy', 'mean_squared_error', 'mean_absolute_error', 'huber', 'soft_dice', 'dice_cross_entropy', 'focal'] as const;

/** Optimizer types of the plan (python/jimu_torch/optim.py). */
export const OPTIMIZER_TYPES = ['sgd', 'adam', 'rmsprop'] as const;

/** Learning-rate schedules (python/jimu_torch/optim.py learning_rate_at). */
export const SCHEDULE_TYPES = ['step', 'cosine'] as const;
