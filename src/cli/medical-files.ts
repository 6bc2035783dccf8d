import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MedicalFileError } from '../data/medical-error';
import { UserError } from './errors';

/** Every file under `root` (recursively, sorted), with its path relative to `root`. Hidden files are skipped. */
export async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  async function visit(dir: string) {
    for (const name of (await readdir(dir)).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const s = await stat(p);
      if (s.isDirectory()) await visit(p);
      else if (s.isFile()) out.push(relative(root, p));
    }
  }
  await visit(root);
  return out;
}

export async function kindOf(path: string, what: string): Promise<'file' | 'folder'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch {
    throw new UserError(`Cannot find the ${what} "${path}".`, 'Check the path and the spelling.');
  }
}

export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UserError(`Cannot read "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
}

/** A reader's typed error as the CLI's one clear message. */
export function asUserError(e: unknown, path: string): unknown {
  if (e instanceof MedicalFileError) return new UserError(`${path}: ${e.message}`, e.hint);
  return e;
}
