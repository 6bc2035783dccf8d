import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MedicalFileError } from '../data/medical-error';
import { UserError } from './errors';

/**
 * Every file under `root` (recursively, sorted), with its path relative to `root`. Links are followed; a
 * folder link that leads back to a folder above it (a loop) or a link that points nowhere is a clear error,
 * not a crash. Hidden files and folders are skipped unless `hidden`.
 */
export async function walk(root: string, opts: { hidden?: boolean } = {}): Promise<string[]> {
  const out: string[] = [];
  const info = async (p: string) => {
    try {
      return await stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new UserError(`"${p}" is a symbolic link loop.`, 'Remove the link that points back to itself or to a folder above it.');
      if (code === 'ENOENT') throw new UserError(`"${p}" is a symbolic link that points to nothing.`, 'Remove the broken link, or restore what it points to.');
      throw new UserError(`Cannot read "${p}": ${code ?? (e as Error).message}.`);
    }
  };
  async function visit(dir: string, ancestors: string[]) {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (e) {
      throw new UserError(`Cannot list the folder "${dir}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    }
    for (const name of names) {
      if (!opts.hidden && name.startsWith('.')) continue;
      const p = join(dir, name);
      const s = await info(p);
      if (s.isDirectory()) {
        const id = `${s.dev}:${s.ino}`;
        if (ancestors.includes(id)) throw new UserError(`"${p}" links back to a folder that contains it (a symbolic link loop).`, 'Remove the link, or point Jimu at a folder without it.');
        await visit(p, [...ancestors, id]);
      } else if (s.isFile()) out.push(relative(root, p));
    }
  }
  const top = await info(root);
  await visit(root, [`${top.dev}:${top.ino}`]);
  return out;
}

export async function kindOf(path: string, what: string): Promise<'file' | 'folder'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new UserError(`"${path}" is a symbolic link loop.`, 'Remove the link that points back to itself, or give the real path.');
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
