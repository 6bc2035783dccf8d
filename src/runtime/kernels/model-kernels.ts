/**
 * Which kernels training a layer runs (forward and backward), by Keras class name, so the runtime can
 * refuse a backend on which one of them failed the self-check. Every model also runs {@link COMMON}
 * (losses, metrics, optimisers, dense heads). A class missing here sends a model to the slow `cpu`
 * backend, so model-kernels.test.ts lowers every block of the library with every choice of its
 * parameters and fails when a class it lowers to has no entry.
 */
const CONV2D = ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'];
const CONV3D = ['Conv3D', 'Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2'];

export const COMMON = ['BatchMatMul', 'Add', 'Multiply', 'Sum', 'Mean', 'Softmax', 'Log', 'SquaredDifference', 'Sigmoid', 'RealDiv', 'ClipByValue'];

export const LAYER_KERNELS: Record<string, string[]> = {
  InputLayer: [],
  Dense: ['BatchMatMul', '_FusedMatMul', 'Add'],
  Flatten: [],
  Reshape: [],
  Activation: ['Relu', 'Sigmoid', 'Tanh', 'Softmax', 'Elu', 'Selu', 'Softplus', 'LeakyRelu', 'Step'],
  LeakyReLU: ['LeakyRelu'],
  Dropout: ['Multiply'],
  SpatialDropout2D: ['Multiply'],
  SpatialDropout3D: ['Multiply'],
  Conv2D: CONV2D,
  Conv2DTranspose: CONV2D,
  Conv3D: CONV3D,
  Conv3DTranspose: CONV3D,
  MaxPooling2D: ['MaxPool', 'MaxPoolGrad'],
  MaxPooling3D: ['MaxPool3D', 'MaxPool3DGrad'],
  AveragePooling2D: ['AvgPool', 'AvgPoolGrad'],
  AveragePooling3D: ['AvgPool3D', 'AvgPool3DGrad'],
  GlobalAveragePooling2D: ['Mean'],
  GlobalAveragePooling3D: ['Mean'],
  GlobalMaxPooling2D: ['Max'],
  GlobalMaxPooling3D: ['Max'],
  BatchNormalization: ['FusedBatchNorm', 'Mean', 'SquaredDifference', 'Rsqrt'],
  UpSampling2D: ['ResizeNearestNeighbor', 'ResizeNearestNeighborGrad'],
  UpSampling3D: ['Tile', 'Reshape'],
  // Padding is a pad forward and a slice backward; cropping the other way round.
  ZeroPadding2D: ['PadV2', 'Slice'],
  ZeroPadding3D: ['PadV2', 'Slice'],
  Cropping2D: ['Slice', 'PadV2'],
  Cropping3D: ['Slice', 'PadV2'],
  Concatenate: ['Concat', 'SplitV', 'Slice'],
  Add: ['Add'],
  Multiply: ['Multiply'],
};

/** Kernels that training a model with these layer classes needs; unknown classes are returned apart. */
export function kernelsForLayers(classNames: Iterable<string>): { kernels: string[]; unknown: string[] } {
  const kernels = new Set(COMMON);
  const unknown: string[] = [];
  for (const c of classNames) {
    const ks = Object.hasOwn(LAYER_KERNELS, c) ? LAYER_KERNELS[c] : undefined;
    if (ks == null) unknown.push(c);
    else ks.forEach((k) => kernels.add(k));
  }
  return { kernels: [...kernels].sort(), unknown };
}

/** Layer classes whose every kernel is in `verified` (what backend.ts's WASM_VERIFIED_LAYERS wants). */
export function verifiedLayers(verified: Iterable<string>): string[] {
  const ok = new Set(verified);
  return Object.entries(LAYER_KERNELS)
    .filter(([, ks]) => ks.every((k) => ok.has(k)))
    .map(([c]) => c);
}
