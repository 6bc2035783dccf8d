import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Example } from '../core';
import type { PersistentCaseCache } from '../data/lazy/persistent';

const FORMAT = 'jimu.case-cache.1';

/**
 * The disk cache of preprocessed cases (`jimu train --cache-dir`, by default DATA/.jimu-cache): one
 * file per case, named by the SHA-256 of the case's files and the steps that prepared it, holding its
 * image and label values as float32. Written to a temporary name and renamed, so a file is whole or
 * absent; a cache that cannot be written (a full disk, no permission) warns once and is read-only from
 * then on, and training goes on.
 */
export class DiskCaseCache implements PersistentCaseCache {
  private writable = true;
  private ready: Promise<void> | null = null;
  hits = 0;
  writes = 0;

  constructor(
    readonly folder: string,
    private readonly warn: (folder: string, reason: string) => void,
    /** For tests: the writer, so a full disk can be simulated. */
    private readonly writeBytes: (path: string, bytes: Uint8Array) => Promise<void> = writeWhole,
  ) {}

  keyOf(files: readonly Uint8Array[], steps: string): string {
    const h = createHash('sha256').update(FORMAT).update('\0').update(steps);
    for (const f of files) h.update('\0').update(createHash('sha256').update(f).digest());
    return h.digest('hex');
  }

  private pathOf(key: string): string {
    return join(this.folder, key.slice(0, 2), `${key}.f32`);
  }

  async get(key: string, xLength: number, yLength: number): Promise<Example | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(key));
    } catch {
      return null;
    }
    // A file of another length is not this case (damaged, or another format): read the case afresh.
    if (bytes.byteLength !== (xLength + yLength) * 4) return null;
    const all = new Float32Array(xLength + yLength);
    new Uint8Array(all.buffer).set(bytes);
    this.hits++;
    return { x: all.subarray(0, xLength), y: all.subarray(xLength) };
  }

  async put(key: string, e: Example): Promise<boolean> {
    if (!this.writable) return false;
    const path = this.pathOf(key);
    const bytes = new Uint8Array(e.x.byteLength + e.y.byteLength);
    bytes.set(new Uint8Array(e.x.buffer, e.x.byteOffset, e.x.byteLength), 0);
    bytes.set(new Uint8Array(e.y.buffer, e.y.byteOffset, e.y.byteLength), e.x.byteLength);
    try {
      this.ready ??= mkdir(this.folder, { recursive: true }).then(() => undefined);
      await this.ready;
      await mkdir(join(this.folder, key.slice(0, 2)), { recursive: true });
      await this.writeBytes(path, bytes);
      this.writes++;
      return true;
    } catch (err) {
      this.writable = false;
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'no permission to write there' : (err as Error).message;
      this.warn(this.folder, reason);
      return false;
    }
  }
}

/** Writes a file whole or not at all: a temporary name in the same folder, flushed, then renamed over. */
async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
