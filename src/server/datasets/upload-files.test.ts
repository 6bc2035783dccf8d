import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBlobStore } from '../blobs/store';
import { UploadFiles } from './upload-files';
import { pathProblem } from './paths';

const root = mkdtempSync(join(tmpdir(), 'jimu-upload-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an upload’s bytes on disk', () => {
  it('counts a file moved into the blob store by a completion that was cut short as received, in a new process too', async () => {
    const blobs = new FileBlobStore(join(root, 'blobs'));
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => i & 0xff);
    const f = { path: 'a.bin', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    const up = UploadFiles.for(root, 'S1', blobs);
    expect(await up.write(0, f, 0, bytes.subarray(0, 4000))).toBe(4000);
    expect(await up.write(0, f, 2000, bytes.subarray(2000))).toBe(10_000); // overlaps what arrived: compared, then appended
    await up.store(0, f);
    expect(existsSync(up.part(0))).toBe(false);
    const later = UploadFiles.for(root, 'S1', new FileBlobStore(join(root, 'blobs')));
    expect(await later.received([f])).toEqual([10_000]);
    expect(await later.write(0, f, 0, bytes.subarray(0, 10))).toBe(10_000);
  });

  it('refuses file paths that could leave a folder or hide what they are', () => {
    for (const p of ['../x', 'a/../../x', '/abs', 'C:\\x', 'c:/x', 'a\\b', 'a//b', 'a/./b', '.', 'a\u0007b', 'a\u007fb', '']) expect(pathProblem(p), JSON.stringify(p)).not.toBeNull();
    for (const p of ['a.dcm', 'case 1/slice 001.dcm', '病例/图像.nii.gz', '.hidden', 'a..b']) expect(pathProblem(p), p).toBeNull();
  });
});
