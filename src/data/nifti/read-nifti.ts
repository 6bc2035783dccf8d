import { formatBytes, inflatePrefix, isGzip, MAX_RATIO } from '../inflate';
import { check, MAX_VOXELS, MedicalFileError } from '../medical-error';
import { BYTES_PER_SAMPLE, decodeSamples, type ScalarType } from '../samples';
import type { Volume } from '../volume';
import { niftiAffine } from './affine';
import { NIFTI1_SIZE, NIFTI2_SIZE, readNiftiHeader, type NiftiHeader } from './header';
import { checkNiftiHeader } from './header-checks';

/** NIfTI datatype codes → voxel types Jimu decodes. */
const DATATYPES: Record<number, ScalarType> = {
  2: 'uint8', 4: 'int16', 8: 'int32', 16: 'float32', 64: 'float64',
  256: 'int8', 512: 'uint16', 768: 'uint32', 1024: 'int64', 1280: 'uint64',
};
const UNSUPPORTED: Record<number, string> = {
  0: 'unknown (0)', 1: 'binary (1)', 32: 'complex64', 128: 'RGB24', 1536: 'float128', 1792: 'complex128', 2048: 'complex256', 2304: 'RGBA32',
};

export interface ReadNiftiOptions {
  /** Read only this volume of a 4D (or higher) file; the result is then 3D. */
  volume?: number;
}

/** True when the bytes look like NIfTI (plain or gzipped). */
export function looksLikeNifti(bytes: Uint8Array): boolean {
  if (isGzip(bytes)) return true;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4) return false;
  return [true, false].some((le) => [NIFTI1_SIZE, NIFTI2_SIZE].includes(v.getInt32(0, le)));
}

/**
 * Reads a NIfTI-1 or NIfTI-2 file (.nii or .nii.gz, either byte order) into a Volume with the values
 * nibabel's `get_fdata()` gives, its shape, `header.get_zooms()` and `affine`.
 */
export function readNifti(input: Uint8Array, options: ReadNiftiOptions = {}): Volume {
  check(input.length > 0, 'empty-file');
  const gzip = isGzip(input);
  // A gzipped file is inflated in two steps: the header first, checked against the voxel limit, then only
  // the bytes it declares, so a small file that claims gigabytes fails before anything large is inflated.
  let bytes = gzip ? inflatePrefix(input, NIFTI2_SIZE, true) : input;
  const h = readNiftiHeader(bytes);
  if (h.magic === 'ni1' || h.magic === 'ni2') {
    throw new MedicalFileError('unknown-format', 'This is the header of a .hdr/.img pair.', 'Convert the pair to a single .nii file (e.g. with nibabel or fslchfiletype).');
  }
  const ndim = h.dim[0]!;
  check(Number.isInteger(ndim) && ndim >= 1 && ndim <= 7, 'bad-header', `dim[0] is ${ndim}; it must be 1 to 7.`);
  const shape = h.dim.slice(1, 1 + ndim);
  check(shape.every((n) => Number.isInteger(n) && n >= 1), 'bad-header', `The dimensions ${shape.join('×')} include a size below 1.`);
  const type = DATATYPES[h.datatype];
  if (!type) throw new MedicalFileError('unsupported-datatype', `NIfTI datatype ${UNSUPPORTED[h.datatype] ?? h.datatype}.`);
  const total = shape.reduce((a, b) => a * b, 1);
  const perVolume = (shape[0] ?? 1) * (shape[1] ?? 1) * (shape[2] ?? 1);
  const volumes = total / perVolume;
  const wanted = options.volume;
  if (wanted !== undefined) check(Number.isInteger(wanted) && wanted >= 0 && wanted < volumes, 'bad-volume-index', `Volume ${wanted} asked for; the file has ${volumes}.`);
  const count = wanted === undefined ? total : perVolume;
  check(count <= MAX_VOXELS, 'too-large', `It has ${shape.join('×')} voxels.`);
  const size = BYTES_PER_SAMPLE[type];
  const { pixdim, offset, warnings } = checkNiftiHeader(h, ndim);
  const start = offset + (wanted ?? 0) * perVolume * size;
  if (gzip) {
    const need = start + count * size;
    check(need <= input.length * MAX_RATIO + 1024, 'truncated', `The header declares ${shape.join('×')} ${type} voxels (${formatBytes(need)}); ${formatBytes(input.length)} of gzip cannot hold that much.`);
    bytes = inflatePrefix(input, need, true);
  }
  check(start + count * size <= bytes.length, 'truncated', `The header declares ${shape.join('×')} ${type} voxels from byte ${offset}; the file has ${bytes.length} bytes.`);

  const { slope, inter } = scaling(h);
  const data = new Float32Array(count);
  decodeSamples(bytes.subarray(start), type, count, h.littleEndian, data, 0, slope, inter);
  const outShape = wanted === undefined ? shape : shape.slice(0, 3);
  return {
    data,
    shape: outShape,
    spacing: pixdim.slice(1, 1 + outShape.length),
    affine: niftiAffine({ ...h, pixdim }, shape),
    dtype: type,
    meta: {
      format: h.version === 1 ? 'nifti1' : 'nifti2',
      units: '',
      ...(wanted !== undefined ? { volumeIndex: wanted, volumeCount: volumes } : {}),
      ...(warnings.length ? { warnings } : {}),
      header: {
        byteOrder: h.littleEndian ? 'little-endian' : 'big-endian',
        datatype: h.datatype, bitpix: h.bitpix, dim: h.dim, pixdim: h.pixdim, vox_offset: h.voxOffset,
        scl_slope: h.sclSlope, scl_inter: h.sclInter, qform_code: h.qformCode, sform_code: h.sformCode,
        xyzt_units: h.xyztUnits, intent_code: h.intentCode, descrip: h.descrip,
      },
    },
  };
}

/** nibabel's rule: a slope of 0 or one that is not finite means "no scaling"; a valid slope needs a finite intercept. */
function scaling(h: NiftiHeader): { slope: number; inter: number } {
  if (h.sclSlope === 0 || !Number.isFinite(h.sclSlope)) return { slope: 1, inter: 0 };
  check(Number.isFinite(h.sclInter), 'bad-header', `scl_slope is ${h.sclSlope} but scl_inter is ${h.sclInter}.`);
  return { slope: h.sclSlope, inter: h.sclInter };
}
