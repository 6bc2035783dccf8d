import { hashFile } from '../file-bytes';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { HttpError } from '../route';

/** A blob id: the sha-256 of its bytes, 64 lower-case hex digits. Nothing else ever reaches a path. */
export const BLOB_ID = /^[0-9a-f]{64}$/;

/**
 * Where the server keeps file contents, by their sha-256. Small on purpose, so an S3-compatible store can
 * implement it later: a blob is written once under its hash and never changed.
 */
export interface BlobStore {
  /** The blob's size in bytes, or null when it is not stored. */
  size(id: string): Promise<number | null>;
  /** Stores bytes; answers their id. */
  put(bytes: Uint8Array): Promise<string>;
  /** Moves a finished local file (e.g. an upload) into the store as `id`, after checking its hash. */
  adopt(path: string, id: string): Promise<void>;
  /** The blob's bytes, as a stream. */
  read(id: string): Promise<Readable>;
  delete(id: string): Promise<void>;
}

export function checkBlobId(id: string): string {
  if (!BLOB_ID.test(id)) throw new HttpError(400, 'bad-blob-id', 'A blob id is the sha-256 of the file: 64 hex digits (0-9, a-f).');
  return id;
}

export const sha256File = async (path: string): Promise<string> => (await hashFile(path)).sha256;

/**
 * Blobs as files under `root` (DATA_DIR/blobs), fanned out by the first two pairs of hex digits
 * (`ab/cd/abcd…`). Each is written to a temporary file in its own folder and renamed into place, so a
 * blob is either whole or absent, even after a crash; a second write of the same bytes changes nothing.
 */
export class FileBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  private path(id: string): string {
    checkBlobId(id);
    return join(this.root, id.slice(0, 2), id.slice(2, 4), id);
  }

  async size(id: string): Promise<number | null> {
    const s = await stat(this.path(id)).catch(() => null);
    return s?.isFile() ? s.size : null;
  }

  async put(bytes: Uint8Array): Promise<string> {
    const id = createHash('sha256').update(bytes).digest('hex');
    if ((await this.size(id)) !== null) return id;
    const final = this.path(id);
    const dir = join(this.root, id.slice(0, 2), id.slice(2, 4));
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
    const f = await open(tmp, 'wx');
    try {
      await f.writeFile(bytes);
      await f.sync();
    } finally {
      await f.close();
    }
    await rename(tmp, final);
    return id;
  }

  async adopt(path: string, id: string): Promise<void> {
    const final = this.path(id);
    const actual = await sha256File(path);
    if (actual !== id) throw new HttpError(422, 'hash-mismatch', `The file's sha-256 is ${actual}, not ${id}.`);
    if ((await this.size(id)) !== null) return unlink(path);
    await mkdir(join(this.root, id.slice(0, 2), id.slice(2, 4)), { recursive: true });
    // The upload folder lies on the same file system (both in DATA_DIR): a rename is atomic.
    await rename(path, final);
  }

  async read(id: string): Promise<Readable> {
    const p = this.path(id);
    if ((await this.size(id)) === null) throw new HttpError(404, 'no-blob', 'The stored file is missing.');
    return createReadStream(p);
  }

  async delete(id: string): Promise<void> {
    await unlink(this.path(id)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}
