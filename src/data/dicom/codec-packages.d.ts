// Types for the codec packages, which ship none (codecs.ts describes what it uses of them).
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
  }
}
declare module '@cornerstonejs/codec-charls/decode' {
  const factory: unknown;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decode' {
  const factory: unknown;
  export default factory;
}
