import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBlobStore } from './store';

const root = mkdtempSync(join(tmpdir(), 'jimu-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('the content-addressed blob store', () => {
  it('keeps bytes under their sha-256 in a two-level fan-out, once, with no temporary file left behind', async () => {
    const store = new FileBlobStore(join(root, 'blobs'));
    const bytes = new TextEncoder().encode('a scan');
    const id = await store.put(bytes);
    expect(id).toBe(sha(bytes));
    expect(readFileSync(join(root, 'blobs', id.slice(0, 2), id.slice(2, 4), id))).toEqual(Buffer.from(bytes));
    expect(await store.put(bytes)).toBe(id);
    expect(readdirSync(join(root, 'blobs', id.slice(0, 2), id.slice(2, 4)))).toEqual([id]);
    expect(await store.size(id)).toBe(bytes.length);
    const chunks: Buffer[] = [];
    for await (const c of await store.read(id)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(bytes));
    await store.delete(id);
    expect(await store.size(id)).toBeNull();
    await expect(store.read(id)).rejects.toMatchObject({ code: 'no-blob' });
  });

  it('adopts a finished file only when its hash is the id it claims', async () => {
    const store = new FileBlobStore(join(root, 'blobs'));
    const file = join(root, 'upload');
    writeFileSync(file, 'bytes of an upload');
    await expect(store.adopt(file, '0'.repeat(64))).rejects.toMatchObject({ code: 'hash-mismatch' });
    const id = sha(readFileSync(file));
    await store.adopt(file, id);
    expect(await store.size(id)).toBe(18);
    expect(readdirSync(root)).not.toContain('upload');
  });

  it('refuses ids that are not 64 lower-case hex digits before touching the disk', async () => {
    const store = new FileBlobStore(join(root, 'blobs'));
    for (const id of ['../../etc/passwd', `${'a'.repeat(62)}/x`, 'A'.repeat(64), 'a'.repeat(65), '', `${'a'.repeat(63)}\u0000`]) {
      await expect(store.size(id)).rejects.toMatchObject({ code: 'bad-blob-id' });
      await expect(store.delete(id)).rejects.toMatchObject({ code: 'bad-blob-id' });
    }
  });
});
