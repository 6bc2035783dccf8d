import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { tf } from '../tf';
import { type TfConvInfo, geometryFromConvInfo } from './conv-geometry';
import { convInputGrad } from './conv-core';
import { convFilterGradGemm } from './conv-filter-grad';
import { convForwardXnn, convInputGradXnn } from './conv-xnn';
import type { WasmBackend } from './wasm-heap';

/**
 * Kernel configs for the convolutions the wasm backend lacks or gets wrong. Every one accepts an
 * optional `dilations` attribute (tfjs' own gradients never pass it; Jimu's dilated-conv gradients do).
 */
type Args = { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: NamedAttrMap };
type Shape4 = [number, number, number, number];
type Shape5 = [number, number, number, number, number];
type Pad = 'same' | 'valid' | number;

const bu = tf.backend_util;

function dataFormat2D(attrs: NamedAttrMap): 'channelsLast' | 'channelsFirst' {
  return bu.convertConv2DDataFormat((attrs.dataFormat as 'NHWC' | 'NCHW' | undefined) ?? 'NHWC');
}

function info2D(inShape: number[], filterShape: number[], attrs: NamedAttrMap): TfConvInfo {
  return bu.computeConv2DInfo(
    inShape as Shape4,
    filterShape as Shape4,
    attrs.strides as [number, number],
    (attrs.dilations as [number, number] | number | undefined) ?? 1,
    attrs.pad as Pad,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    false,
    dataFormat2D(attrs),
  ) as TfConvInfo;
}

function info3D(inShape: number[], filterShape: number[], attrs: NamedAttrMap): TfConvInfo {
  return bu.computeConv3DInfo(
    inShape as Shape5,
    filterShape as Shape5,
    attrs.strides as [number, number, number],
    (attrs.dilations as [number, number, number] | number | undefined) ?? 1,
    attrs.pad as 'same' | 'valid',
  ) as unknown as TfConvInfo;
}

/** Input gradient: XNNPACK on the flipped filter at stride 1, im2col + GEMM + col2im otherwise. */
function inputGrad(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, info: TfConvInfo, inShape: number[]): TensorInfo {
  const g = geometryFromConvInfo(info);
  const unit = g.strideDepth === 1 && g.strideHeight === 1 && g.strideWidth === 1;
  return unit ? convInputGradXnn(backend, dy, filter, g, inShape) : convInputGrad(backend, dy, filter, g, inShape);
}

function conv2DBackpropFilter({ inputs, backend, attrs }: Args): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const filterShape = attrs.filterShape as number[];
  return convFilterGradGemm(backend, x, dy, geometryFromConvInfo(info2D(x.shape, filterShape, attrs)), filterShape);
}

function conv2DBackpropInput({ inputs, backend, attrs }: Args): TensorInfo {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const inShape = attrs.inputShape as number[];
  return inputGrad(backend, dy, filter, info2D(inShape, filter.shape, attrs), inShape);
}

function conv3D({ inputs, backend, attrs }: Args): TensorInfo {
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  const info = info3D(x.shape, filter.shape, attrs) as TfConvInfo & { outShape: number[] };
  return convForwardXnn(backend, x, filter, geometryFromConvInfo(info), info.outShape);
}

function conv3DBackpropFilterV2({ inputs, backend, attrs }: Args): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const filterShape = attrs.filterShape as number[];
  return convFilterGradGemm(backend, x, dy, geometryFromConvInfo(info3D(x.shape, filterShape, attrs)), filterShape);
}

function conv3DBackpropInputV2({ inputs, backend, attrs }: Args): TensorInfo {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const inShape = attrs.inputShape as number[];
  return inputGrad(backend, dy, filter, info3D(inShape, filter.shape, attrs), inShape);
}

function config(kernelName: string, fn: (a: Args) => TensorInfo): KernelConfig {
  return { kernelName, backendName: 'wasm', kernelFunc: fn as unknown as KernelFunc };
}

/** The convolution kernels Jimu registers on 'wasm', replacing the backend's own where it has one. */
export const CONV_KERNELS: KernelConfig[] = [
  config('Conv2DBackpropFilter', conv2DBackpropFilter),
  config('Conv2DBackpropInput', conv2DBackpropInput),
  config('Conv3D', conv3D),
  config('Conv3DBackpropFilterV2', conv3DBackpropFilterV2),
  config('Conv3DBackpropInputV2', conv3DBackpropInputV2),
];
