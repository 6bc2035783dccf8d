import { gunzipSync, gzipSync } from 'fflate';
import { decodeImage } from '../decode-image';
import { DataError } from '../errors';
import { parseLabelTable, type LabelTableOptions } from '../label-table';
import { MedicalFileError, readVolume } from '../medical';
import { greyJpeg, jpeg, png } from './fixtures';

/** One format the reader fuzzer feeds: seed files, how a mutated file is read, and which errors are typed. */
export interface FuzzFormat {
  name: string;
  seeds: Uint8Array[];
  /** Re-wraps mutated bytes (gzip after damaging the content, so the header checks are reached). */
  wrap?: (bytes: Uint8Array) => Uint8Array;
  /** Reads mutated bytes of seed number `seed`. */
  read: (bytes: Uint8Array, seed: number) => Promise<unknown>;
  /** The reader's own error type; anything else escaping is a failure. */
  typed: (e: unknown) => boolean;
}

const medicalError = (e: unknown) => e instanceof MedicalFileError && e.message.length > 0 && e.hint.length > 0;
const dataError = (e: unknown) => e instanceof DataError && e.message.length > 0 && e.hint.length > 0;
const volume = async (b: Uint8Array) => readVolume(b);

const ramp = (n: number, channels: number, max: number) => Array.from({ length: n * channels }, (_, i) => (i * 37) % (max + 1));

const TABLES: { text: string; options: LabelTableOptions }[] = [
  { text: 'image,diagnosis,patient\ncase01.png,normal,P1\ncase02.png,glaucoma,P1\ncase03.png,"cataract",P2\ncase04,normal,P3\n', options: { idColumn: 'image', labelColumns: ['diagnosis'], classes: ['normal', 'glaucoma', 'cataract'], groupColumn: 'patient' } },
  { text: '\uFEFFid;age\nsub-01;63.5\nsub-02;71\nsub-03;"58"\n', options: { idColumn: 'id', labelColumns: ['age'] } },
  { text: 'id\tN\tD\tG\na\t1\t0\t0\nb\t0\t1\t1\nc\t0\t0\t0\n', options: { idColumn: 'id', labelColumns: ['N', 'D', 'G'] } },
];

/**
 * The formats of the "Done when": NIfTI-1, NIfTI-2, .nii.gz (damaged stream and damaged
 * content), DICOM uncompressed and compressed (RLE, JPEG baseline, JPEG-LS, JPEG 2000), PNG, JPEG and
 * CSV label tables. `fixture(name)` loads a file of src/data/fixtures/medical.
 */
export function readerFormats(fixture: (name: string) => Uint8Array): FuzzFormat[] {
  const nifti2 = gunzipSync(fixture('example_nifti2.nii.gz'));
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return [
    { name: 'NIfTI-1 (.nii)', seeds: [fixture('dtype_int16_be.nii'), fixture('dtype_float64_le.nii'), fixture('dtype_uint8_le.nii')], read: volume, typed: medicalError },
    { name: 'NIfTI-2 (.nii)', seeds: [nifti2], read: volume, typed: medicalError },
    { name: 'NIfTI .nii.gz, damaged stream', seeds: [fixture('standard.nii.gz'), fixture('functional_scaled.nii.gz')], read: volume, typed: medicalError },
    { name: 'NIfTI .nii.gz, damaged content', seeds: [gunzipSync(fixture('standard.nii.gz')), gunzipSync(fixture('functional_scaled.nii.gz'))], wrap: (b) => gzipSync(b), read: volume, typed: medicalError },
    { name: 'DICOM uncompressed', seeds: [fixture('MR_small.dcm'), fixture('MR_small_implicit.dcm'), fixture('MR_small_bigendian.dcm'), fixture('CT_small_no_meta.dcm')], read: volume, typed: medicalError },
    { name: 'DICOM RLE Lossless', seeds: [fixture('MR_small_RLE.dcm')], read: volume, typed: medicalError },
    { name: 'DICOM JPEG Baseline', seeds: [fixture('MR_small_jpeg_baseline.dcm')], read: volume, typed: medicalError },
    { name: 'DICOM JPEG-LS Lossless', seeds: [fixture('MR_small_jpeg_ls_lossless.dcm')], read: volume, typed: medicalError },
    { name: 'DICOM JPEG 2000 Lossless', seeds: [fixture('MR_small_jp2klossless.dcm')], read: volume, typed: medicalError },
    {
      name: 'PNG',
      seeds: [png(16, 12, 1, ramp(192, 1, 255)), png(8, 8, 3, ramp(64, 3, 65535), 16), png(9, 7, 4, ramp(63, 4, 255)), png(5, 5, 2, ramp(25, 2, 255))],
      read: async (b) => decodeImage(b, 'fuzz.png'),
      typed: dataError,
    },
    {
      name: 'JPEG',
      seeds: [jpeg(16, 16, ramp(256, 3, 255), 90), jpeg(9, 13, ramp(117, 3, 255), 50), greyJpeg(100)],
      read: async (b) => decodeImage(b, 'fuzz.jpg'),
      typed: dataError,
    },
    {
      name: 'CSV label table',
      seeds: TABLES.map((t) => encoder.encode(t.text)),
      // The seed index picks the table's options: a mutated table is read as its seed was meant to be.
      read: async (b, seed) => parseLabelTable(decoder.decode(b), { ...TABLES[seed]!.options, source: 'fuzz.csv' }),
      typed: dataError,
    },
  ];
}

export type FuzzOutcome = { kind: 'read'; value: unknown } | { kind: 'typed'; error: DataError } | { kind: 'failed'; error: unknown };

/** Reads one mutated file: a result, a typed error, or a failure (any other exception). */
export async function fuzzRead(format: FuzzFormat, bytes: Uint8Array, seed: number): Promise<FuzzOutcome> {
  try {
    return { kind: 'read', value: await format.read(format.wrap ? format.wrap(bytes) : bytes, seed) };
  } catch (e) {
    return format.typed(e) ? { kind: 'typed', error: e as DataError } : { kind: 'failed', error: e };
  }
}
