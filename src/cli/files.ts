import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DataIO } from '../core';
import { DataError } from '../data/errors';
import { UserError } from './errors';
import { isWithin } from './safe-paths';

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

/**
 * Files for data blocks, read from a folder on disk; paths in a pipeline are relative to it and stay inside
 * it — `..`, absolute paths and links that lead out are refused — unless `allowOutside` (the user's
 * `--allow-outside-data`): a pipeline file from someone else must not read what it likes.
 */
export function diskIO(baseDir: string, opts: { allowOutside?: boolean } = {}): DataIO {
  let realBase: Promise<string> | undefined;
  const full = async (p: string) => {
    const path = resolve(baseDir, p);
    if (opts.allowOutside) return path;
    realBase ??= realpath(baseDir).catch(() => resolve(baseDir));
    const base = await realBase;
    // A path that does not exist is checked as written; reading it then says it is missing.
    const real = await realpath(path).catch(() => undefined);
    const lexical = isWithin(path, resolve(baseDir));
    if (!lexical || (real !== undefined && !isWithin(real, base))) {
      throw new DataError(
        `The pipeline reads "${p}", which is outside the data folder ${baseDir}${lexical ? ' (through a link)' : ''}.`,
        'Keep data paths relative to --data and inside it, or pass --allow-outside-data if you trust this pipeline to read from there.',
      );
    }
    return real ?? path;
  };
  return {
    async readFile(path) {
      const at = await full(path);
      try {
        return new Uint8Array(await readFile(at));
      } catch (e) {
        throw new Error(`cannot read "${path}" in ${baseDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    },
    async listFiles(dir) {
      const at = await full(dir);
      try {
        const names = await readdir(at);
        const files: string[] = [];
        for (const n of names) if ((await stat(resolve(at, n))).isFile()) files.push(n);
        return files.sort();
      } catch (e) {
        throw new Error(`cannot list the folder "${dir}" in ${baseDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    },
  };
}
