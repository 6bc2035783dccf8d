/** A 4×4 matrix, row-major: `affine[row][col]`. */
export type Mat4 = number[][];

/** The type the voxels had in the file, before scaling. */
export type VoxelType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'uint64' | 'int64' | 'float32' | 'float64' | 'rgb24' | 'rgba32';

/**
 * A 3D (or 4D) image in memory.
 *
 * `data` holds the values after scaling (NIfTI scl_slope/scl_inter, DICOM rescale, dose grid scaling, SUV),
 * with i fastest: `data[i + ni * (j + nj * (k + nk * t))]`; for a colour image the fourth axis is the channel
 * (`meta.channels`). `shape` and `spacing` are in the same voxel index
 * order as nibabel reports them (i, j, k[, t]); for DICOM, i runs along columns, j along rows, k along slices.
 * `affine` maps voxel indices (i, j, k, 1) to RAS+ millimetres, as nibabel's `img.affine` does.
 */
export interface Volume {
  data: Float32Array;
  shape: number[];
  spacing: number[];
  affine: Mat4;
  /** The voxel type stored in the file. */
  dtype: VoxelType;
  /** Where the volume came from and the header fields a user may want to see. */
  meta: VolumeMeta;
}

export interface VolumeMeta {
  format: 'nifti1' | 'nifti2' | 'dicom';
  /** Human-readable header fields (strings and numbers only), for `jimu inspect` and the data manager. */
  header: Record<string, string | number | number[]>;
  /** What the values mean after scaling: 'HU', 'Gy', 'SUVbw', … or '' when unknown. */
  units: string;
  /** For a 4D file read one volume at a time: which volume and how many there are. */
  volumeIndex?: number;
  volumeCount?: number;
  /**
   * Colour images only: the names of the last axis, which then holds colour channels rather than time
   * (DICOM RGB/YBR/PALETTE COLOR: ['R', 'G', 'B'], shape [i, j, k, 3], spacing 1 on that axis).
   */
  channels?: string[];
  /**
   * DICOM only: the file has no ImageOrientationPatient or ImagePositionPatient (secondary capture, a
   * scanned film), so the affine is an assumed identity and the patient's sides are unknown.
   */
  orientationAssumed?: true;
  /** What the reader worked around (e.g. zero padding after a DICOM data set), in words for the user. */
  warnings?: string[];
  /** DICOM only: direction cosines of i, j and k in LPS patient coordinates. */
  direction?: [number[], number[], number[]];
}

export interface VolumeStats {
  min: number;
  max: number;
  mean: number;
  /** How many voxels were NaN or infinite (left out of min/max/mean). */
  nonFinite: number;
}

/** min, max and mean over the finite values, accumulated in float64. */
export function volumeStats(data: ArrayLike<number>): VolumeStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  let nonFinite = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  return n === 0 ? { min: NaN, max: NaN, mean: NaN, nonFinite } : { min, max, mean: sum / n, nonFinite };
}

export const identity4 = (): Mat4 => [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];
