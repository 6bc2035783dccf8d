/**
 * One description of a 2D or 3D convolution, NDHWC with D = 1 for 2D, so every convolution kernel
 * (forward, input gradient, filter gradient) is written once.
 */
export interface ConvGeometry {
  batch: number;
  inDepth: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outDepth: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterDepth: number;
  filterHeight: number;
  filterWidth: number;
  strideDepth: number;
  strideHeight: number;
  strideWidth: number;
  dilationDepth: number;
  dilationHeight: number;
  dilationWidth: number;
  padFront: number;
  padTop: number;
  padLeft: number;
  padBack: number;
  padBottom: number;
  padRight: number;
}

/** What tfjs' backend_util.computeConv2DInfo / computeConv3DInfo return that we read. */
export interface TfConvInfo {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padInfo: { top: number; left: number; bottom: number; right: number; front?: number; back?: number };
  inDepth?: number;
  outDepth?: number;
  filterDepth?: number;
  strideDepth?: number;
  dilationDepth?: number;
  dataFormat?: string;
}

/** Converts a tfjs conv info (2D or 3D) into a {@link ConvGeometry}. */
export function geometryFromConvInfo(c: TfConvInfo): ConvGeometry {
  if (c.dataFormat != null && c.dataFormat !== 'channelsLast') {
    throw new Error(`Jimu's wasm convolution kernels need channelsLast data, got ${c.dataFormat}.`);
  }
  return {
    batch: c.batchSize,
    inDepth: c.inDepth ?? 1,
    inHeight: c.inHeight,
    inWidth: c.inWidth,
    inChannels: c.inChannels,
    outDepth: c.outDepth ?? 1,
    outHeight: c.outHeight,
    outWidth: c.outWidth,
    outChannels: c.outChannels,
    filterDepth: c.filterDepth ?? 1,
    filterHeight: c.filterHeight,
    filterWidth: c.filterWidth,
    strideDepth: c.strideDepth ?? 1,
    strideHeight: c.strideHeight,
    strideWidth: c.strideWidth,
    dilationDepth: c.dilationDepth ?? 1,
    dilationHeight: c.dilationHeight,
    dilationWidth: c.dilationWidth,
    padFront: c.padInfo.front ?? 0,
    padTop: c.padInfo.top,
    padLeft: c.padInfo.left,
    padBack: c.padInfo.back ?? 0,
    padBottom: c.padInfo.bottom,
    padRight: c.padInfo.right,
  };
}

/** Number of output positions (rows of the im2col matrix). */
export function outputRows(g: ConvGeometry): number {
  return g.batch * g.outDepth * g.outHeight * g.outWidth;
}

/** Length of one im2col row: filter taps times input channels. */
export function patchSize(g: ConvGeometry): number {
  return g.filterDepth * g.filterHeight * g.filterWidth * g.inChannels;
}
