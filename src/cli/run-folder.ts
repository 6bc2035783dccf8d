import { rmSync, unlinkSync } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors';
import { realPathOf } from './safe-paths';

/**
 * The output folder of one `jimu train` run, held for the run alone. A lock file beside OUT keeps a second run
 * out; the run writes into a staging folder beside OUT and moves its files into place at the end, the
 * manifest last, so OUT never holds a mix of two runs or an older manifest over newer files.
 */
export interface RunFolder {
  /** The real path of OUT. */
  out: string;
  /** Where the run writes its files until `finish`. */
  staging: string;
  /** Said to the user when an earlier run's lock was left behind by a process that no longer runs. */
  note?: string;
  /** Moves the staged files into OUT (replacing what this run writes, nothing else) and releases the lock. */
  finish(): Promise<void>;
  /** Removes the staged files and releases the lock; OUT stays as it was. */
  abandon(): Promise<void>;
  /** The same, synchronously, for a process about to exit on a second Ctrl+C. */
  abandonSync(): void;
}

interface LockInfo { pid: number; started: string; pipeline: string }

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes OUT for this run, or refuses with a clear message when another live run holds it. */
export async function openRunFolder(outArg: string, pipeline: string): Promise<RunFolder> {
  const out = await realPathOf(outArg);
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  const lock = join(parent, `.${basename(out)}.jimu-lock`);
  const staging = join(parent, `.${basename(out)}.jimu-partial`);
  const info: LockInfo = { pid: process.pid, started: new Date().toISOString(), pipeline };
  let note: string | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${JSON.stringify(info)}\n`);
      await handle.close();
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UserError(`Cannot lock the output folder "${outArg}": ${code ?? (e as Error).message}.`);
      if (attempt > 0) throw new UserError(`Another jimu train is writing to "${outArg}".`, 'Wait for it to finish, or give this run another --out.');
    }
    const held = await readLock(lock);
    if (held && alive(held.pid) && held.pid !== process.pid) {
      throw new UserError(
        `Another jimu train (process ${held.pid}, started ${held.started}, pipeline ${held.pipeline}) is writing to "${outArg}".`,
        'Wait for it to finish, or give this run another --out.',
      );
    }
    note = `An earlier jimu train into "${outArg}"${held ? ` (process ${held.pid}, started ${held.started})` : ''} stopped without finishing; "${outArg}" holds what was there before it.`;
    await unlink(lock).catch(() => undefined);
  }
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  const release = () => unlink(lock).catch(() => undefined);
  return {
    out,
    staging,
    ...(note ? { note } : {}),
    async finish() {
      await mkdir(out, { recursive: true });
      // The old manifest goes first: while files move, OUT has no manifest rather than one that is not true.
      await rm(join(out, 'manifest.json'), { force: true });
      for (const name of await readdir(staging)) {
        if (name === 'manifest.json') continue;
        const from = join(staging, name);
        if ((await lstat(from)).isDirectory()) {
          // predictions/ and truth/: each set replaces its own earlier copy; other sets stay.
          await mkdir(join(out, name), { recursive: true });
          for (const child of await readdir(from)) {
            await rm(join(out, name, child), { recursive: true, force: true });
            await rename(join(from, child), join(out, name, child));
          }
        } else {
          await rename(from, join(out, name));
        }
      }
      await rename(join(staging, 'manifest.json'), join(out, 'manifest.json')).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      await rm(staging, { recursive: true, force: true });
      await release();
    },
    async abandon() {
      await rm(staging, { recursive: true, force: true });
      await release();
    },
    abandonSync() {
      rmSync(staging, { recursive: true, force: true });
      try {
        unlinkSync(lock);
      } catch {
        // already gone
      }
    },
  };
}

async function readLock(path: string): Promise<LockInfo | undefined> {
  try {
    const j = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
    return Number.isInteger(j.pid) && j.pid > 0 ? j : undefined;
  } catch {
    return undefined;
  }
}
