import { mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from '../blobs/store';
import { HttpError } from '../route';

/** A file as an upload session declared it. */
export interface Declared {
  path: string;
  size: number;
  sha256: string;
}

/**
 * The bytes of an upload session on disk, in DATA_DIR/uploads/<session>/: one file per declared file,
 * named by its index (never by the client's path). What has arrived is read from the disk, so an upload
 * resumes after a dropped link or a server restart. `<index>.stored` marks a file already moved into the
 * blob store by a completion that was cut short.
 */
export class UploadFiles {
  constructor(
    readonly dir: string,
    private readonly blobs: BlobStore,
  ) {}

  static for(dataDir: string, sessionId: string, blobs: BlobStore): UploadFiles {
    return new UploadFiles(join(dataDir, 'uploads', sessionId), blobs);
  }

  part = (index: number) => join(this.dir, String(index));

  /** Bytes received of each file (a stored file counts whole). */
  async received(files: Declared[]): Promise<number[]> {
    return Promise.all(files.map(async (f, i) => ((await this.isStored(i, f)) ? f.size : Math.min(f.size, (await stat(this.part(i)).catch(() => null))?.size ?? 0))));
  }

  async isStored(index: number, f: Declared): Promise<boolean> {
    return (await stat(`${this.part(index)}.stored`).catch(() => null)) !== null && (await this.blobs.size(f.sha256)) === f.size;
  }

  /**
   * Writes `bytes` at `offset` of file `index`. Idempotent: bytes the server already holds are compared,
   * not written again (a resent chunk is harmless; a different one is refused); new bytes are appended.
   */
  async write(index: number, f: Declared, offset: number, bytes: Uint8Array): Promise<number> {
    return serial(`${this.dir}/${index}`, async () => {
      if (await this.isStored(index, f)) return f.size;
      const path = this.part(index);
      const have = (await stat(path).catch(() => null))?.size ?? 0;
      if (offset > have) throw new HttpError(409, 'wrong-offset', `This chunk of "${f.path}" starts at byte ${offset}, but the server holds only its first ${have} bytes.`, `Send the chunk that starts at byte ${have} (GET the upload to see what has arrived).`);
      if (offset + bytes.length > f.size) throw new HttpError(400, 'beyond-size', `This chunk ends at byte ${offset + bytes.length}, beyond the ${f.size} bytes declared for "${f.path}".`, 'Send only the declared bytes; to change a file, start a new upload.');
      const overlap = Math.min(have, offset + bytes.length) - offset;
      await mkdir(this.dir, { recursive: true });
      const fh = await open(path, overlap > 0 ? 'r+' : 'a');
      try {
        if (overlap > 0) {
          const old = Buffer.alloc(overlap);
          await fh.read(old, 0, overlap, offset);
          if (!old.equals(Buffer.from(bytes.buffer, bytes.byteOffset, overlap))) throw new HttpError(409, 'chunk-differs', `Bytes ${offset}–${offset + overlap} of "${f.path}" differ from those the server already holds.`, 'The file changed since the upload began: start a new upload.');
        }
        if (overlap < bytes.length) {
          await fh.write(bytes, overlap, bytes.length - overlap, have);
          await fh.datasync();
        }
      } finally {
        await fh.close();
      }
      return Math.max(have, offset + bytes.length);
    });
  }

  /** Moves a finished, checked file into the blob store and marks it stored. */
  async store(index: number, f: Declared): Promise<void> {
    if (await this.isStored(index, f)) return;
    await this.blobs.adopt(this.part(index), f.sha256);
    await writeFile(`${this.part(index)}.stored`, '');
  }

  /** Forgets a file's bytes (its hash was wrong): it is sent again from the start. */
  discard = (index: number) => rm(this.part(index), { force: true });

  remove = () => rm(this.dir, { recursive: true, force: true });
}

/** One job at a time per key (two writes to the same file, two completions of one upload, wait for each other). */
const queues = new Map<string, Promise<unknown>>();
export async function serial<T>(key: string, job: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(job, job);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  try {
    return await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}
