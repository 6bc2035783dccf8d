import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { deidentify, type AuditEntry } from '../data/medical';
import { looksLikeDicom } from '../data/dicom/parse';
import { MedicalFileError } from '../data/medical-error';
import { UserError } from './errors';
import { asUserError, kindOf, readBytes, walk } from './medical-files';

export interface DeidCliOptions {
  salt?: string;
  acceptBurnedIn?: boolean;
  json?: boolean;
}

/**
 * `jimu deid IN OUT`: de-identifies a DICOM file, or every DICOM file under a folder (keeping the folder's
 * layout), with one salt so UIDs stay consistent across the study. Prints the audit log. Files that are not
 * DICOM are not copied (they may hold identities Jimu cannot check). Exit 1 when a file was excluded.
 */
export async function deid(input: string, output: string, opts: DeidCliOptions, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const kind = await kindOf(input, 'file or folder');
  if (resolve(input) === resolve(output)) throw new UserError('IN and OUT are the same path.', 'Write the de-identified copy somewhere else; Jimu never overwrites the originals.');
  const salt = opts.salt ?? randomBytes(16).toString('hex');
  const jobs: { from: string; to: string; rel: string }[] = kind === 'file'
    ? [{ from: input, to: output, rel: basename(input) }]
    : (await walk(input)).map((rel) => ({ from: join(input, rel), to: join(output, rel), rel }));
  if (kind === 'folder' && resolve(output).startsWith(resolve(input) + '/')) throw new UserError('OUT is inside IN.', 'Choose an output folder outside the input folder.');
  const log: (AuditEntry & { file: string })[] = [];
  let excluded = 0;
  let written = 0;
  let skipped = 0;
  for (const job of jobs) {
    const bytes = await readBytes(job.from);
    if (!looksLikeDicom(bytes)) {
      if (kind === 'file') throw new UserError(`${job.from} is not a DICOM file.`, 'jimu deid de-identifies DICOM files.');
      skipped++;
      io.err(`jimu: not copied (not DICOM): ${job.rel}`);
      continue;
    }
    let result;
    try {
      result = deidentify(bytes, { salt, acceptBurnedIn: opts.acceptBurnedIn });
    } catch (e) {
      if (kind === 'file') throw asUserError(e, job.from);
      if (!(e instanceof MedicalFileError)) throw e;
      skipped++;
      io.err(`jimu: not copied (${e.message}): ${job.rel}`);
      continue;
    }
    for (const w of result.warnings) io.err(`jimu: ${job.rel}: ${w}`);
    if (!result.ok) {
      excluded++;
      io.err(`jimu: excluded ${job.rel} — pass --accept-burned-in after checking its pixels to include it.`);
      continue;
    }
    await mkdir(dirname(job.to), { recursive: true });
    await writeFile(job.to, result.bytes);
    written++;
    for (const a of result.audit) log.push({ file: job.rel, ...a });
  }
  if (opts.json) {
    io.out(JSON.stringify({ written, excluded, skipped, salt: opts.salt ? 'given' : 'random', audit: log }, null, 2));
  } else {
    for (const a of log) io.out(`${a.file}  ${a.tag.padEnd(11)}  ${a.action.padEnd(7)}  ${a.path}: ${a.detail}`);
    io.out(`✓ ${written} file${written === 1 ? '' : 's'} de-identified into ${output}${excluded ? `; ${excluded} excluded` : ''}${skipped ? `; ${skipped} not copied` : ''}.`);
    if (!opts.salt) io.out('  (UIDs were remapped with a random salt; pass --salt to map them the same way in a later import.)');
  }
  return excluded > 0 ? 1 : 0;
}
