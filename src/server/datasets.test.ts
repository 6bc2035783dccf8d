import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deid } from '../cli/deid';
import { buildServer } from './app';
import { FileBlobStore } from './blobs/store';
import { expireUploads } from './datasets/expire-uploads';
import { auditLog, uploadSessions } from './db/schema';
import { migrate, openDatabase } from './db/connect';
import { DATABASES, signIn, startServer, type Client } from './testing/harness';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const fixture = (f: string) => new Uint8Array(readFileSync(new URL(`../data/fixtures/medical/${f}`, import.meta.url)));
const err = (r: { json(): unknown }) => (r.json() as { error: { code: string; message: string; hint?: string } }).error;
const octet = { 'content-type': 'application/octet-stream' };
const quiet = { out: () => undefined, err: () => undefined };

/** Bytes that vary (so a chunk sent to the wrong place would show). */
const bytesOf = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 0xff);

async function start(c: Client, pid: string, dataset: string, files: { path: string; bytes: Uint8Array }[]) {
  return c.call('POST', `/api/projects/${pid}/uploads`, { dataset, files: files.map((f) => ({ path: f.path, size: f.bytes.length, sha256: sha(f.bytes) })) });
}
const put = (c: Client, pid: string, up: string, index: number, offset: number, chunk: Uint8Array) => c.call('PUT', `/api/projects/${pid}/uploads/${up}/files/${index}?offset=${offset}`, Buffer.from(chunk), octet);

/** Sends every file in chunks of `chunk` bytes from what the server says it holds. */
async function sendAll(c: Client, pid: string, up: string, files: { bytes: Uint8Array }[], chunk = 64 * 1024) {
  const state = (await c.call('GET', `/api/projects/${pid}/uploads/${up}`)).json() as { files: { received: number }[] };
  for (const [i, f] of files.entries()) {
    for (let o = state.files[i]!.received; o < f.bytes.length; o += chunk) expect((await put(c, pid, up, i, o, f.bytes.subarray(o, o + chunk))).statusCode).toBe(200);
  }
}

describe.each(DATABASES)('on %s', (kind) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let admin: Client;
  let ed: Client;
  let viewer: Client;
  let pid: string;
  beforeAll(async () => {
    server = await startServer(kind);
    const db = server.database.db;
    admin = await signIn(server.app, db, 'root', { admin: true });
    ed = await signIn(server.app, db, 'ed');
    viewer = await signIn(server.app, db, 'vi');
    pid = ((await ed.call('POST', '/api/projects', { name: 'Scans' })).json() as { id: string }).id;
    await ed.call('PUT', `/api/projects/${pid}/members/vi`, { role: 'viewer' });
  });
  afterAll(async () => server.close());

  describe('the team server: datasets', () => {
    it('resumes an upload cut mid-file, checks it, makes version 1 then 2, and downloads the same bytes', async () => {
      const files = [{ path: 'cases/a.bin', bytes: bytesOf(300_000) }, { path: 'labels.csv', bytes: new TextEncoder().encode('case,label\na,1\n') }];
      const s = (await start(ed, pid, 'brain', files)).json() as { id: string; chunkBytes: number; received: number };
      expect(s.received).toBe(0);
      expect(s.chunkBytes).toBeLessThanOrEqual(2 ** 20);
      // The link drops after 100 000 bytes of the first file.
      expect((await put(ed, pid, s.id, 0, 0, files[0]!.bytes.subarray(0, 100_000))).json()).toMatchObject({ received: 100_000 });
      const early = await ed.call('POST', `/api/projects/${pid}/uploads/${s.id}/complete`);
      expect([early.statusCode, err(early).code]).toEqual([409, 'incomplete']);
      expect((await ed.call('GET', `/api/projects/${pid}/datasets`)).json()).toMatchObject({ datasets: [] });
      // Resending a chunk is harmless; a chunk past what arrived, or past the declared size, is refused.
      expect((await put(ed, pid, s.id, 0, 50_000, files[0]!.bytes.subarray(50_000, 100_000))).statusCode).toBe(200);
      const gap = await put(ed, pid, s.id, 0, 200_000, files[0]!.bytes.subarray(200_000));
      expect([gap.statusCode, err(gap).code]).toEqual([409, 'wrong-offset']);
      expect(err(gap).hint).toMatch(/starts at byte 100000/);
      const beyond = await put(ed, pid, s.id, 1, 0, new Uint8Array(files[1]!.bytes.length + 1));
      expect([beyond.statusCode, err(beyond).code]).toEqual([400, 'beyond-size']);
      const differs = await put(ed, pid, s.id, 0, 0, new Uint8Array(10));
      expect([differs.statusCode, err(differs).code]).toEqual([409, 'chunk-differs']);
      const huge = await put(ed, pid, s.id, 0, 100_000, new Uint8Array(2 ** 20 + 1));
      expect([huge.statusCode, err(huge).code]).toEqual([413, 'too-large']);
      expect(err(huge).hint).toMatch(/chunks/);
      const state = (await ed.call('GET', `/api/projects/${pid}/uploads/${s.id}`)).json() as { files: { received: number }[] };
      expect(state.files.map((f) => f.received)).toEqual([100_000, 0]);
      await sendAll(ed, pid, s.id, files);
      const done = (await ed.call('POST', `/api/projects/${pid}/uploads/${s.id}/complete`)).json() as { state: string; version: number };
      expect(done).toMatchObject({ state: 'complete', version: 1 });
      const late = await put(ed, pid, s.id, 0, 0, files[0]!.bytes.subarray(0, 10));
      expect([late.statusCode, err(late).code]).toEqual([409, 'upload-complete']);

      const v = (await viewer.call('GET', `/api/projects/${pid}/datasets/brain/versions/1`)).json() as { manifest: { files: { path: string; size: number; sha256: string; kind: string }[] }; stats: unknown };
      expect(v.manifest.files).toEqual(files.map((f) => ({ path: f.path, size: f.bytes.length, sha256: sha(f.bytes), kind: f.path.endsWith('.csv') ? 'table' : 'other' })));
      expect(v.stats).toEqual({ files: 2, bytes: 300_000 + files[1]!.bytes.length, kinds: { other: 1, table: 1 } });
      const down = await viewer.call('GET', `/api/projects/${pid}/datasets/brain/versions/1/file?path=cases/a.bin`);
      expect(down.statusCode).toBe(200);
      expect(sha(down.rawPayload)).toBe(sha(files[0]!.bytes));
      const log = (await ed.call('GET', `/api/projects/${pid}/audit`)).json() as { user: string; action: string; target: string }[];
      expect(log).toContainEqual(expect.objectContaining({ user: 'vi', action: 'dataset.download', target: 'brain v1: cases/a.bin' }));

      const again = (await start(ed, pid, 'brain', files.slice(0, 1))).json() as { id: string };
      await sendAll(ed, pid, again.id, files.slice(0, 1));
      expect((await ed.call('POST', `/api/projects/${pid}/uploads/${again.id}/complete`)).json()).toMatchObject({ version: 2 });
      expect(((await viewer.call('GET', `/api/projects/${pid}/datasets/brain/versions`)).json() as { number: number }[]).map((x) => x.number)).toEqual([2, 1]);
    });

    it('refuses a file whose bytes do not match the declared sha-256, and accepts it sent again', async () => {
      const good = bytesOf(5000, 2);
      const s = (await ed.call('POST', `/api/projects/${pid}/uploads`, { dataset: 'hashes', files: [{ path: 'x.bin', size: 5000, sha256: sha(good) }] })).json() as { id: string };
      const bad = good.slice();
      bad[4000] = bad[4000]! ^ 1;
      await put(ed, pid, s.id, 0, 0, bad);
      const r = await ed.call('POST', `/api/projects/${pid}/uploads/${s.id}/complete`);
      expect([r.statusCode, err(r).code]).toEqual([422, 'hash-mismatch']);
      expect(err(r).message).toContain('"x.bin"');
      expect(((await ed.call('GET', `/api/projects/${pid}/uploads/${s.id}`)).json() as { received: number }).received).toBe(0);
      await put(ed, pid, s.id, 0, 0, good);
      expect((await ed.call('POST', `/api/projects/${pid}/uploads/${s.id}/complete`)).json()).toMatchObject({ version: 1 });
    });

    it('refuses a DICOM file that still carries Patient’s Name, naming it, and accepts the same file after jimu deid', async () => {
      const original = fixture('CT_small.dcm');
      const s = (await start(ed, pid, 'ct', [{ path: 'ct/1.dcm', bytes: original }])).json() as { id: string };
      await sendAll(ed, pid, s.id, [{ bytes: original }]);
      const r = await ed.call('POST', `/api/projects/${pid}/uploads/${s.id}/complete`);
      expect([r.statusCode, err(r).code]).toEqual([422, 'identifying']);
      expect(err(r).message).toMatch(/"ct\/1\.dcm" still carries identifying attributes: .*PatientName/);
      expect(err(r).hint).toMatch(/jimu deid/);
      expect(((await viewer.call('GET', `/api/projects/${pid}/datasets`)).json() as { datasets: { name: string }[] }).datasets.map((d) => d.name)).not.toContain('ct');
      const log = (await ed.call('GET', `/api/projects/${pid}/audit`)).json() as { action: string; outcome: string }[];
      expect(log).toContainEqual(expect.objectContaining({ action: 'upload.refused', outcome: 'refused' }));

      // No preamble and no .dcm in its name: still recognised as DICOM, and still refused.
      const bare = fixture('CT_small_no_meta.dcm');
      const s3 = (await start(ed, pid, 'ct', [{ path: 'ct/IM0001', bytes: bare }])).json() as { id: string };
      await sendAll(ed, pid, s3.id, [{ bytes: bare }]);
      const r3 = await ed.call('POST', `/api/projects/${pid}/uploads/${s3.id}/complete`);
      expect([r3.statusCode, err(r3).message]).toEqual([422, expect.stringMatching(/"ct\/IM0001" still carries identifying attributes: PatientName/)]);

      const tmp = mkdtempSync(join(tmpdir(), 'jimu-deid-'));
      try {
        writeFileSync(join(tmp, 'in.dcm'), original);
        expect(await deid(join(tmp, 'in.dcm'), join(tmp, 'out.dcm'), { salt: 'test' }, quiet)).toBe(0);
        const clean = new Uint8Array(readFileSync(join(tmp, 'out.dcm')));
        const s2 = (await start(ed, pid, 'ct', [{ path: 'ct/1.dcm', bytes: clean }])).json() as { id: string };
        await sendAll(ed, pid, s2.id, [{ bytes: clean }]);
        expect((await ed.call('POST', `/api/projects/${pid}/uploads/${s2.id}/complete`)).json()).toMatchObject({ state: 'complete', version: 1 });
        const v = (await ed.call('GET', `/api/projects/${pid}/datasets/ct/versions/1`)).json() as { stats: { kinds: Record<string, number> }; deid: { files: { checked: boolean; patientIdentityRemoved: boolean }[] } };
        expect(v.stats.kinds).toEqual({ dicom: 1 });
        expect(v.deid.files).toEqual([expect.objectContaining({ checked: true, patientIdentityRemoved: true })]);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('enforces the project quota when an upload starts and at each chunk, with a clear 413', async () => {
      const q = ((await ed.call('POST', '/api/projects', { name: 'Small' })).json() as { id: string }).id;
      expect((await ed.call('PUT', `/api/admin/projects/${q}/quota`, { bytes: 1000 })).statusCode).toBe(403);
      expect((await admin.call('PUT', `/api/admin/projects/${q}/quota`, { bytes: 10_000 })).json()).toEqual({ quota: 10_000, used: 0 });
      const big = await start(ed, q, 'big', [{ path: 'a', bytes: bytesOf(10_001) }]);
      expect([big.statusCode, err(big).code]).toEqual([413, 'quota']);
      expect(err(big).message).toMatch(/needs 10001 bytes, but the project already holds 0 bytes of its 10000 bytes quota/);
      const f = { path: 'a', bytes: bytesOf(6000) };
      const s = (await start(ed, q, 'fits', [f])).json() as { id: string };
      const second = await start(ed, q, 'also', [f]);
      expect(second.statusCode).toBe(413); // the open upload holds its 6000 bytes
      await admin.call('PUT', `/api/admin/projects/${q}/quota`, { bytes: 5000 });
      const chunk = await put(ed, q, s.id, 0, 0, f.bytes);
      expect([chunk.statusCode, err(chunk).code]).toEqual([413, 'quota']);
      expect(err(chunk).hint).toMatch(/raise the quota/);
      expect((await ed.call('DELETE', `/api/projects/${q}/uploads/${s.id}`)).statusCode).toBe(200);
      expect((await ed.call('GET', `/api/projects/${q}/datasets`)).json()).toMatchObject({ usage: { bytes: 0, quota: 5000 } });
    });

    it('removes an upload idle past the expiry (its bytes, its quota), keeps one that received a chunk since, and audits it', async () => {
      const q = ((await ed.call('POST', '/api/projects', { name: 'Idle' })).json() as { id: string }).id;
      const f = { path: 'a.bin', bytes: bytesOf(50_000, 5) };
      const idle = ((await start(ed, q, 'idle', [f])).json() as { id: string }).id;
      const busy = ((await start(ed, q, 'busy', [f])).json() as { id: string }).id;
      await put(ed, q, idle, 0, 0, f.bytes.subarray(0, 20_000));
      const db = server.database.db;
      // Both last received something eight days ago; then `busy` receives a chunk now.
      await db.update(uploadSessions).set({ touchedAt: sql`now() - interval '8 days'` }).where(eq(uploadSessions.projectId, q));
      await put(ed, q, busy, 0, 0, f.bytes.subarray(0, 10_000));
      const dir = server.app.jimu.dataDir;
      expect(existsSync(join(dir, 'uploads', idle, '0'))).toBe(true);
      expect(await expireUploads(db, dir, server.app.jimu.blobs)).toEqual([idle]);
      expect(existsSync(join(dir, 'uploads', idle))).toBe(false);
      const gone = await ed.call('GET', `/api/projects/${q}/uploads/${idle}`);
      expect([gone.statusCode, err(gone).code]).toEqual([404, 'no-upload']);
      expect((await ed.call('GET', `/api/projects/${q}/datasets`)).json()).toMatchObject({ usage: { bytes: 50_000 } }); // only `busy` holds quota
      expect(((await ed.call('GET', `/api/projects/${q}/uploads/${busy}`)).json() as { received: number }).received).toBe(10_000);
      const audit = await db.select().from(auditLog).where(and(eq(auditLog.projectId, q), eq(auditLog.action, 'upload.expire')));
      expect(audit.map((a) => [a.target, (a.detail as { upload: string }).upload])).toEqual([['idle', idle]]);
      // A second sweep finds nothing more; a shorter expiry (an hour) still keeps what received a chunk just now.
      expect(await expireUploads(db, dir, server.app.jimu.blobs, 3600_000)).toEqual([]);
    });

    it('refuses path traversal in file paths and blob ids, and a viewer’s upload', async () => {
      for (const path of ['../etc/passwd', 'a/../../b', '/etc/passwd', 'C:/x', 'a\\b', 'a//b', './a', 'a\u0000b', 'a\nb', '']) {
        const r = await ed.call('POST', `/api/projects/${pid}/uploads`, { dataset: 'evil', files: [{ path, size: 1, sha256: sha(new Uint8Array(1)) }] });
        expect(r.statusCode, JSON.stringify(path)).toBe(400);
      }
      const dl = await viewer.call('GET', `/api/projects/${pid}/datasets/brain/versions/1/file?path=../../etc/passwd`);
      expect(dl.statusCode).toBe(400);
      const blobs = new FileBlobStore(join(server.dataDir, 'blobs'));
      for (const id of ['../../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64), '']) await expect(blobs.read(id)).rejects.toMatchObject({ code: 'bad-blob-id' });
      const r = await start(viewer, pid, 'mine', [{ path: 'a', bytes: bytesOf(10) }]);
      expect(r.statusCode).toBe(403);
    });

    it('lets an owner delete a dataset; its files go with it', async () => {
      const f = { path: 'only.bin', bytes: bytesOf(777, 9) };
      const s = (await start(ed, pid, 'doomed', [f])).json() as { id: string };
      await sendAll(ed, pid, s.id, [f]);
      await ed.call('POST', `/api/projects/${pid}/uploads/${s.id}/complete`);
      const blobs = new FileBlobStore(join(server.dataDir, 'blobs'));
      expect(await blobs.size(sha(f.bytes))).toBe(777);
      // Another project holds the same bytes (one blob, by hash): deleting this dataset keeps them for it.
      const other = ((await ed.call('POST', '/api/projects', { name: 'Other' })).json() as { id: string }).id;
      const o = (await start(ed, other, 'copy', [f])).json() as { id: string };
      await sendAll(ed, other, o.id, [f]);
      await ed.call('POST', `/api/projects/${other}/uploads/${o.id}/complete`);
      expect((await ed.call('DELETE', `/api/projects/${other}/datasets/copy`)).statusCode).toBe(200);
      expect(await blobs.size(sha(f.bytes))).toBe(777);
      expect((await viewer.call('DELETE', `/api/projects/${pid}/datasets/doomed`)).statusCode).toBe(403);
      expect((await ed.call('DELETE', `/api/projects/${pid}/datasets/doomed`)).json()).toEqual({ ok: true, versions: 1 });
      expect(await blobs.size(sha(f.bytes))).toBeNull();
      expect((await ed.call('GET', `/api/projects/${pid}/datasets/doomed/versions/1`)).statusCode).toBe(404);
    });
  });
});

describe('the team server: datasets across a restart', () => {
  it('resumes an upload after the server is closed and opened again on the same DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jimu-restart-'));
    mkdirSync(join(dataDir, 'db'));
    const open = async () => {
      const database = await openDatabase({ dir: join(dataDir, 'db') });
      await migrate(database.db);
      const app = await buildServer({ db: database.db, dataDir, bodyLimit: 2 ** 20 });
      await app.ready();
      return { app, database, close: async () => (await app.close(), await database.close()) };
    };
    try {
      const file = { path: 'big.bin', bytes: bytesOf(400_000, 3) };
      let s = await open();
      let c = await signIn(s.app, s.database.db, 'ed');
      const pid = ((await c.call('POST', '/api/projects', { name: 'Restart' })).json() as { id: string }).id;
      const up = ((await start(c, pid, 'r', [file])).json() as { id: string }).id;
      await put(c, pid, up, 0, 0, file.bytes.subarray(0, 150_000));
      await s.close();
      s = await open();
      c = await signIn(s.app, s.database.db, 'ed', { create: false });
      expect(((await c.call('GET', `/api/projects/${pid}/uploads/${up}`)).json() as { received: number }).received).toBe(150_000);
      await sendAll(c, pid, up, [file]);
      expect((await c.call('POST', `/api/projects/${pid}/uploads/${up}/complete`)).json()).toMatchObject({ version: 1 });
      const down = await c.call('GET', `/api/projects/${pid}/datasets/r/versions/1/file?path=big.bin`);
      expect(sha(down.rawPayload)).toBe(sha(file.bytes));
      await s.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
