import { MedicalFileError } from '../medical-error';
import { NIFTI1_SIZE, NIFTI2_SIZE, type NiftiHeader } from './header';

/** What the header checks changed, in words for the user, and the values to read with. */
export interface CheckedHeader {
  /** pixdim with spatial zeros set to 1 and spatial negatives made positive (nibabel's repairs). */
  pixdim: number[];
  /** The byte where the voxels start. */
  offset: number;
  warnings: string[];
}

/**
 * nibabel's header checks, applied on read (`nib.load` runs `check_fix`), plus one it lacks:
 * - pixdim[1..3] of 0 → 1, negative → its absolute value, each with a warning (nibabel's `_chk_pixdims`);
 * - a pixdim that is NaN or infinite in the image's dimensions is refused: nibabel passes it through as
 *   the voxel size, and every millimetre measure (HD95, lesion volume in mL, resampling) would be NaN;
 * - a single-file vox_offset below the header and its extension flag (352 for NIfTI-1, 544 for NIfTI-2)
 *   is refused, as nibabel refuses it (`_chk_offset`, level 40); 0 means "unset" to nibabel's check and
 *   is read from just after the header, with a warning.
 */
export function checkNiftiHeader(h: NiftiHeader, ndim: number): CheckedHeader {
  const warnings: string[] = [];
  const pixdim = [...h.pixdim];
  for (let i = 1; i <= ndim; i++) {
    const p = pixdim[i]!;
    if (!Number.isFinite(p)) {
      throw new MedicalFileError('bad-header', `pixdim[${i}] (the voxel size along axis ${i}) is ${p}.`, 'Set the voxel size in the header (e.g. with nibabel: img.header.set_zooms(...)) or re-export the file.');
    }
  }
  const axes = 'xyz';
  const zero = [1, 2, 3].filter((i) => pixdim[i] === 0);
  const negative = [1, 2, 3].filter((i) => pixdim[i]! < 0);
  if (zero.length) {
    for (const i of zero) pixdim[i] = 1;
    warnings.push(`The header gives a voxel size of 0 along ${zero.map((i) => axes[i - 1]).join(', ')}; 1 mm was assumed, as nibabel does. Check the spacing before measuring in millimetres.`);
  }
  if (negative.length) {
    for (const i of negative) pixdim[i] = Math.abs(pixdim[i]!);
    warnings.push(`The header gives a negative voxel size along ${negative.map((i) => axes[i - 1]).join(', ')}; its absolute value was used, as nibabel does.`);
  }
  const min = (h.version === 1 ? NIFTI1_SIZE : NIFTI2_SIZE) + 4;
  const raw = h.voxOffset;
  if (!Number.isFinite(raw)) throw new MedicalFileError('bad-header', `vox_offset (where the voxels start) is ${raw}.`);
  if (raw === 0) {
    warnings.push(`The header does not say where the voxels start (vox_offset 0); they were read from byte ${min}, just after the header.`);
    return { pixdim, offset: min, warnings };
  }
  if (raw < min) {
    throw new MedicalFileError('bad-header', `vox_offset is ${raw}; in a single .nii file the voxels start at byte ${min} or later.`, 'The header is damaged: re-export the file (nibabel refuses it too).');
  }
  return { pixdim, offset: Math.floor(raw), warnings };
}
