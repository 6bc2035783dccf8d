import { DataError } from './errors';

/**
 * Every way a medical file can be unreadable, with the message a clinician reads and the hint that says
 * what to do. One catalogue, so the CLI, the app and the tests agree on codes.
 */
export const MEDICAL_ERRORS = {
  'empty-file': { message: 'The file is empty.', hint: 'Copy the file again; it may not have finished downloading.' },
  'unknown-format': { message: 'This is neither a NIfTI nor a DICOM file.', hint: 'Jimu reads .nii, .nii.gz and DICOM files (.dcm or no extension).' },
  'truncated': { message: 'The file ends before the data its header declares.', hint: 'The file is incomplete: copy or export it again.' },
  'corrupt-gzip': { message: 'The gzip stream is damaged.', hint: 'Unpack the file with gunzip to check it, or export it again.' },
  'too-large': { message: 'The file declares more data than Jimu can hold in memory.', hint: 'Crop or downsample the volume first, or split a 4D file into 3D volumes.' },
  'bad-header': { message: 'The header holds impossible values.', hint: 'The file is damaged or not written by a standard tool; re-export it.' },
  'unsupported-datatype': { message: 'The voxel data type is not supported.', hint: 'Convert the file to a supported type (e.g. float32) with nibabel or dcm2niix.' },
  'bad-volume-index': { message: 'The 4D file has no volume with that index.', hint: 'Choose a volume index from 0 to the number of volumes minus 1.' },
  'bad-dicom': { message: 'The DICOM data set is malformed.', hint: 'The file is damaged or not DICOM; re-export it from the PACS or scanner.' },
  'no-pixel-data': { message: 'The DICOM file has no image in it.', hint: 'It may be a report, a structure set or a plan: give an image file or a series.' },
  'unsupported-transfer-syntax': { message: 'The pixel data is compressed in a form Jimu cannot decode.', hint: 'Decompress it first, e.g. `gdcmconv --raw in.dcm out.dcm` or `dcmdjpeg`/`dcmdjp2k` from DCMTK.' },
  'inconsistent-series': { message: 'The files do not form one regular image series.', hint: 'Put one series per folder; every slice needs the same size, orientation and spacing.' },
  'missing-geometry': { message: 'The DICOM file lacks the position or orientation needed to stack slices.', hint: 'Export the series with Image Position and Image Orientation (Patient), or give a single file.' },
  'bad-structure-set': { message: 'The structure set cannot be drawn on this image.', hint: 'Give the CT or MR series the structure set was drawn on.' },
  'no-suv': { message: 'The PET header lacks what SUV needs.', hint: 'SUV needs Units BQML, the patient weight, the injected dose, its time and the half-life.' },
  'burned-in-annotation': { message: 'The image has patient details burned into its pixels.', hint: 'Exclude it, or accept it explicitly after checking the pixels yourself.' },
} as const satisfies Record<string, { message: string; hint: string }>;

export type MedicalErrorCode = keyof typeof MEDICAL_ERRORS;

/** A typed error from a medical reader: `code` for programs, message + hint for people. */
export class MedicalFileError extends DataError {
  constructor(
    readonly code: MedicalErrorCode,
    detail?: string,
    hint?: string,
  ) {
    super(detail ? `${MEDICAL_ERRORS[code].message} ${detail}` : MEDICAL_ERRORS[code].message, hint ?? MEDICAL_ERRORS[code].hint);
  }
}

/** Throws a typed error unless `ok`. */
export function check(ok: boolean, code: MedicalErrorCode, detail?: string): asserts ok {
  if (!ok) throw new MedicalFileError(code, detail);
}

/** The most voxels a reader allocates (Float32: 2 GiB). Readers check declared sizes against it and the bytes. */
export const MAX_VOXELS = 512 * 1024 * 1024;

/** The most bytes a compressed file may expand to (2 GiB). */
export const MAX_INFLATED = 2 ** 31 - 1;
