import { CATALOGUE, type DiagnosticCode } from '../core/diagnostics/catalogue';
import { DataError } from './errors';

/**
 * Every way a medical file can be unreadable, as a code programs use and its catalogue entry, which
 * holds the message a clinician reads and the hint that says what to do, in English and Chinese. One
 * catalogue, so the CLI, the app and the tests agree on codes.
 */
const MEDICAL_CODES = {
  'empty-file': 'J710', 'unknown-format': 'J711', 'truncated': 'J712', 'corrupt-gzip': 'J713', 'too-large': 'J714',
  'bad-header': 'J715', 'unsupported-datatype': 'J716', 'bad-volume-index': 'J717', 'bad-dicom': 'J718', 'no-pixel-data': 'J719',
  'unsupported-transfer-syntax': 'J720', 'inconsistent-series': 'J721', 'missing-geometry': 'J722', 'bad-structure-set': 'J723',
  'no-suv': 'J724', 'burned-in-annotation': 'J725',
} as const satisfies Record<string, DiagnosticCode>;

/** The English message (without the detail) and hint of each medical error code. */
export const MEDICAL_ERRORS = Object.fromEntries(
  Object.entries(MEDICAL_CODES).map(([k, c]) => [k, { diagnostic: c, message: CATALOGUE[c].message.en.replace(' {detail}', ''), hint: CATALOGUE[c].hint.en }]),
) as Record<keyof typeof MEDICAL_CODES, { diagnostic: DiagnosticCode; message: string; hint: string }>;

export type MedicalErrorCode = keyof typeof MEDICAL_ERRORS;

/** A typed error from a medical reader: `code` for programs, message + hint for people. */
export class MedicalFileError extends DataError {
  constructor(
    readonly code: MedicalErrorCode,
    detail?: string,
    hint?: string,
  ) {
    // The catalogue entry (J710–J725) holds the same message and hint in every language; `detail` names
    // the file's own values and stays as written.
    super(detail ? `${MEDICAL_ERRORS[code].message} ${detail}` : MEDICAL_ERRORS[code].message, hint ?? MEDICAL_ERRORS[code].hint, { code: MEDICAL_ERRORS[code].diagnostic, args: { detail: detail ?? '' } });
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
