import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { deidentify, type AuditEntry } from '../data/medical';
import { DEID_METHOD } from '../data/deid/deidentify';
import { looksLikeDicom, parseDicom } from '../data/dicom/parse';
import { str, T } from '../data/dicom/values';
import { MedicalFileError } from '../data/medical-error';
import { UserError } from './errors';
import { asUserError, kindOf, readBytes, walk } from './medical-files';
import { isWithin, mkdirNoFollow, realPathOf, writeNew } from './safe-paths';
import { pseudonymousPaths } from './deid-names';

export interface DeidCliOptions {
  salt?: string;
  acceptBurnedIn?: boolean;
  json?: boolean;
  /** Replace what an earlier `jimu deid` wrote into OUT (and only that). */
  overwrite?: boolean;
  /** Keep the input's file and folder names instead of numbering them. */
  keepNames?: boolean;
}

/** The list of files `jimu deid` wrote into an output folder, so `--overwrite` replaces those and no others. */
export const DEID_MANIFEST = '.jimu-deid.json';
interface DeidManifest { format: 'jimu.deid'; version: 1; files: { path: string; sha256: string }[] }

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
type IO = { out: (s: string) => void; err: (s: string) => void };

/**
 * `jimu deid IN OUT`: de-identifies a DICOM file, or every DICOM file under a folder, with one salt so UIDs
 * stay consistent across the study. Output files get numbered names in the input's folder structure (names
 * of people and dates often sit in file and folder names) unless `keepNames`. Nothing is written inside IN,
 * through a link, or over a file an earlier `jimu deid` did not write. Prints the audit log; every file found
 * is counted. Files that are not DICOM are not copied (they may hold identities Jimu cannot check).
 * Exit 1 when a file was excluded.
 */
export async function deid(input: string, output: string, opts: DeidCliOptions, io: IO): Promise<number> {
  const kind = await kindOf(input, 'file or folder');
  const realIn = await realPathOf(input);
  const realOut = await realPathOf(output);
  if (realIn === realOut) throw new UserError('IN and OUT are the same path (after following links).', 'Write the de-identified copy somewhere else; Jimu never overwrites the originals.');
  if (kind === 'folder' && isWithin(realOut, realIn)) throw new UserError(`OUT is inside IN (${realOut} is in ${realIn}, after following links).`, 'Choose an output folder outside the input folder.');
  if (kind === 'folder' && isWithin(realIn, realOut)) throw new UserError(`IN is inside OUT (${realIn} is in ${realOut}, after following links).`, 'Choose an output folder that does not hold the input.');
  const salt = opts.salt ?? randomBytes(16).toString('hex');
  if (kind === 'folder' && opts.keepNames) io.err('jimu: warning: --keep-names copies file and folder names as they are; names, IDs and dates in them stay identifying.');

  let jobs: { from: string; rel: string; to: string }[];
  if (kind === 'file') {
    await prepareFileOutput(output, realOut, !!opts.overwrite);
    jobs = [{ from: input, rel: basename(input), to: basename(realOut) }];
  } else {
    const names = await walk(input, { hidden: true });
    const targets = opts.keepNames ? names : pseudonymousPaths(names);
    jobs = names.map((rel, i) => ({ from: join(input, rel), rel, to: targets[i]! }));
    await prepareFolderOutput(output, realOut, !!opts.overwrite);
  }
  const root = kind === 'file' ? dirname(realOut) : realOut;

  const log: (AuditEntry & { file: string })[] = [];
  const wrote: DeidManifest['files'] = [];
  let excluded = 0;
  let skipped = 0;
  try {
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
      await mkdirNoFollow(root, dirname(job.to));
      await writeNew(join(root, job.to), result.bytes);
      wrote.push({ path: job.to, sha256: sha256(result.bytes) });
      for (const a of result.audit) log.push({ file: job.rel, ...a });
    }
  } finally {
    if (kind === 'folder') await writeManifest(realOut, wrote);
  }
  const written = wrote.length;
  const found = jobs.length;
  if (opts.json) {
    io.out(JSON.stringify({ found, written, excluded, skipped, salt: opts.salt ? 'given' : 'random', names: opts.keepNames || kind === 'file' ? 'kept' : 'numbered', files: jobs.map((j) => ({ from: j.rel, to: j.to })), audit: log }, null, 2));
  } else {
    for (const a of log) io.out(`${a.file}  ${a.tag.padEnd(11)}  ${a.action.padEnd(7)}  ${a.path}: ${a.detail}`);
    io.out(`✓ ${written} of ${found} file${found === 1 ? '' : 's'} de-identified into ${output}${excluded ? `; ${excluded} excluded` : ''}${skipped ? `; ${skipped} not copied` : ''}.`);
    if (kind === 'folder' && !opts.keepNames) io.out(`  Files are numbered (0001.dcm …) in the input's folder structure; ${DEID_MANIFEST} lists them.`);
    if (!opts.salt) io.out('  (UIDs were remapped with a random salt; pass --salt to map them the same way in a later import.)');
  }
  return excluded > 0 ? 1 : 0;
}

/** OUT for one file: a new file, or (with --overwrite) a file an earlier `jimu deid` wrote; never a folder or a link. */
async function prepareFileOutput(output: string, realOut: string, overwrite: boolean): Promise<void> {
  const s = await lstat(resolve(output)).catch(() => undefined);
  if (s?.isSymbolicLink()) throw new UserError(`OUT "${output}" is a symbolic link; Jimu does not write through links.`, 'Give the path of a new file.');
  if (s?.isDirectory()) throw new UserError(`OUT "${output}" is a folder, but IN is a single file.`, `Give the path of the de-identified file to write, e.g. ${join(output, 'deid.dcm')}; or give a folder as IN.`);
  if (s) {
    if (!overwrite) throw new UserError(`OUT "${output}" already exists.`, 'Choose a new file name, or pass --overwrite to replace a file an earlier jimu deid wrote.');
    let ours = false;
    try {
      ours = str(parseDicom(await readBytes(realOut)).dataset, T.DeidentificationMethod) === DEID_METHOD;
    } catch {
      ours = false;
    }
    if (!ours) throw new UserError(`OUT "${output}" was not written by jimu deid; --overwrite replaces only files jimu deid wrote.`, 'Choose a new file name.');
    await unlink(realOut);
  }
  await mkdir(dirname(realOut), { recursive: true });
}

/** OUT for a folder: new or empty; with --overwrite, one an earlier `jimu deid` wrote, whose files are removed first. */
async function prepareFolderOutput(output: string, realOut: string, overwrite: boolean): Promise<void> {
  const s = await lstat(realOut).catch(() => undefined);
  if (!s) {
    await mkdir(realOut, { recursive: true });
    return;
  }
  if (!s.isDirectory()) throw new UserError(`OUT "${output}" exists and is not a folder.`, 'Give a new or empty folder for the de-identified copy.');
  const entries = await readdir(realOut);
  if (entries.length === 0) return;
  const manifest = await readManifest(realOut);
  if (!manifest) throw new UserError(`OUT "${output}" is not empty and was not written by jimu deid.`, 'Give a new or empty folder; Jimu does not write among files it did not write.');
  if (!overwrite) throw new UserError(`OUT "${output}" holds an earlier jimu deid output.`, 'Pass --overwrite to replace it (only the files jimu deid wrote there), or give a new folder.');
  // Check every file first, so a refusal leaves the folder as it was.
  const present: string[] = [];
  for (const f of manifest.files) {
    const p = join(realOut, f.path);
    const fs = await lstat(p).catch(() => undefined);
    if (!fs) continue;
    if (!fs.isFile() || (await realpath(p)) !== p) throw new UserError(`"${p}" is no longer the file jimu deid wrote (it is, or lies behind, a link now).`, 'Move it away, or give a new output folder.');
    if (sha256(new Uint8Array(await readFile(p))) !== f.sha256) throw new UserError(`"${p}" has changed since jimu deid wrote it; --overwrite does not replace it.`, 'Move it away, or give a new output folder.');
    present.push(p);
  }
  for (const p of present) await unlink(p);
}

async function readManifest(dir: string): Promise<DeidManifest | undefined> {
  const p = join(dir, DEID_MANIFEST);
  const s = await lstat(p).catch(() => undefined);
  if (!s?.isFile()) return undefined;
  try {
    const m = JSON.parse(await readFile(p, 'utf8')) as DeidManifest;
    const safe = (x: unknown): x is { path: string; sha256: string } =>
      typeof x === 'object' && x !== null && typeof (x as { path: unknown }).path === 'string' && typeof (x as { sha256: unknown }).sha256 === 'string' && isWithin(resolve(dir, (x as { path: string }).path), dir);
    if (m.format !== 'jimu.deid' || !Array.isArray(m.files) || !m.files.every(safe)) return undefined;
    return m;
  } catch {
    return undefined;
  }
}

/** Written beside a temporary name and renamed into place: a link at the manifest's path is replaced, not followed. */
async function writeManifest(dir: string, files: DeidManifest['files']): Promise<void> {
  const manifest: DeidManifest = { format: 'jimu.deid', version: 1, files };
  const tmp = join(dir, `${DEID_MANIFEST}.${randomBytes(6).toString('hex')}.tmp`);
  await writeNew(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, join(dir, DEID_MANIFEST));
}
