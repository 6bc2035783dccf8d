import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { UserError } from './errors';

/**
 * The real path of `path` with every symbolic link resolved, also when the path (or its tail) does not exist
 * yet: the deepest existing ancestor is resolved and the rest appended. A link that points nowhere is refused,
 * since what it would create cannot be known.
 */
export async function realPathOf(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UserError(`"${path}" is a symbolic link that leads back to itself.`, 'Remove the link loop, or give another path.');
    if (code !== 'ENOENT') throw new UserError(`Cannot resolve "${path}": ${code ?? (e as Error).message}.`);
  }
  const exists = await lstat(abs).then(() => true, () => false);
  if (exists) throw new UserError(`"${path}" is a symbolic link that points to nothing.`, 'Remove the broken link, or give another path.');
  const parent = dirname(abs);
  if (parent === abs) return abs;
  return join(await realPathOf(parent), basename(abs));
}

/** True when `inner` is `outer` or lies inside it (both real, absolute paths). */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/**
 * Makes the folders of `rel` under `root` one at a time, refusing any that already exists as a link (or as
 * anything but a folder): output never goes through a link to somewhere the user did not point at.
 */
export async function mkdirNoFollow(root: string, rel: string): Promise<void> {
  let at = root;
  for (const part of rel.split(/[\\/]/).filter((p) => p !== '' && p !== '.')) {
    if (part === '..') throw new UserError(`The output path "${rel}" leaves the output folder.`);
    at = join(at, part);
    try {
      await mkdir(at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(`Cannot create the folder "${at}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
      const s = await lstat(at);
      if (s.isSymbolicLink()) throw new UserError(`"${at}" is a symbolic link; Jimu does not write through links.`, 'Remove the link from the output folder, or choose an empty output folder.');
      if (!s.isDirectory()) throw new UserError(`"${at}" exists and is not a folder.`, 'Choose an empty output folder.');
    }
  }
}

/**
 * Writes a new file: it must not exist yet, not even as a link (O_EXCL creates the file itself and fails on
 * a link), so nothing is ever written through a link or over a file Jimu did not mean to replace.
 */
export async function writeNew(path: string, bytes: Uint8Array | string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UserError(`"${path}" already exists; Jimu does not write over it.`, 'Choose an empty output folder.');
    throw new UserError(`Cannot write "${path}": ${code ?? (e as Error).message}.`);
  }
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}
