import { readFile, readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DataIO } from '../core';
import { UserError } from './errors';

export async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`Cannot find the ${what} "${path}".`, 'Check the path and the spelling.');
    if (code === 'EISDIR') throw new UserError(`"${path}" is a folder, not a ${what}.`, 'Give the path of the file itself.');
    if (code === 'EACCES') throw new UserError(`No permission to read the ${what} "${path}".`);
    throw new UserError(`Cannot read the ${what} "${path}": ${(e as Error).message}`);
  }
}

/** Files for data blocks, read from a folder on disk; paths in a pipeline are relative to it. */
export function diskIO(baseDir: string): DataIO {
  const full = (p: string) => resolve(baseDir, p);
  return {
    async readFile(path) {
      try {
        return new Uint8Array(await readFile(full(path)));
      } catch (e) {
        throw new Error(`cannot read "${path}" in ${baseDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    },
    async listFiles(dir) {
      try {
        const names = await readdir(full(dir));
        const files: string[] = [];
        for (const n of names) if ((await stat(resolve(full(dir), n))).isFile()) files.push(n);
        return files.sort();
      } catch (e) {
        throw new Error(`cannot list the folder "${dir}" in ${baseDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    },
  };
}
