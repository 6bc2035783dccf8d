/** Voxel types the writer stores, with their NIfTI datatype code and size. */
const TYPES = { uint8: [2, 1], int16: [4, 2], float32: [16, 4] } as const;

export interface WriteNiftiOptions {
  /** Voxel size per axis in mm (default 1). The affine is diag(spacing) unless `affine` is given. */
  spacing?: number[];
  /** Row-major 4×4 voxel → RAS+ mm matrix, stored as the sform. */
  affine?: number[][];
  dtype?: keyof typeof TYPES;
  description?: string;
}

/**
 * Writes a single-file NIfTI-1 image (.nii, little-endian, sform code 1): for predictions Jimu saves and
 * for test fixtures. `data` is stored as Volume data is, first axis fastest; values are stored as given
 * (no scaling), so integer types should get whole numbers.
 */
export function writeNifti(data: ArrayLike<number>, shape: number[], options: WriteNiftiOptions = {}): Uint8Array {
  if (shape.length < 1 || shape.length > 7) throw new Error(`writeNifti: ${shape.length} dimensions; NIfTI holds 1 to 7`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new Error(`writeNifti: ${data.length} values for a ${shape.join('×')} grid`);
  const [code, size] = TYPES[options.dtype ?? 'float32'];
  const spacing = options.spacing ?? shape.map(() => 1);
  const bytes = new Uint8Array(352 + count * size);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, 348, true);
  v.setInt16(40, shape.length, true);
  shape.forEach((n, d) => v.setInt16(42 + 2 * d, n, true));
  for (let d = shape.length; d < 7; d++) v.setInt16(42 + 2 * d, 1, true);
  v.setInt16(70, code, true);
  v.setInt16(72, size * 8, true);
  v.setFloat32(76, 1, true); // qfac
  for (let d = 0; d < 7; d++) v.setFloat32(80 + 4 * d, spacing[d] ?? 1, true);
  v.setFloat32(108, 352, true);
  v.setFloat32(112, 1, true); // scl_slope
  v.setUint8(123, 2 | 8); // mm, seconds
  const text = (at: number, s: string, max: number) => {
    for (let i = 0; i < Math.min(s.length, max); i++) bytes[at + i] = s.charCodeAt(i) & 0x7f;
  };
  text(148, options.description ?? 'written by Jimu', 79);
  v.setInt16(254, 1, true); // sform_code: scanner anatomical
  const affine = options.affine ?? [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => (r === c ? (spacing[r] ?? 1) : 0)));
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) v.setFloat32(280 + 16 * r + 4 * c, affine[r]![c]!, true);
  text(344, 'n+1', 4);
  for (let i = 0; i < count; i++) {
    const at = 352 + i * size;
    if (code === 2) v.setUint8(at, data[i]!);
    else if (code === 4) v.setInt16(at, data[i]!, true);
    else v.setFloat32(at, data[i]!, true);
  }
  return bytes;
}
