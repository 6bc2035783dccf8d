import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeidentified } from '../data/deid/check';
import { parseDicom } from '../data/dicom/parse';
import { str, T } from '../data/dicom/values';
import { signIn, startServer } from '../server/testing/harness';
import { main } from './main';
import { push } from './push';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const CT = new URL('../data/fixtures/medical/CT_small.dcm', import.meta.url).pathname;

describe('jimu push, against a team server started here', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let url: string;
  let tmp: string;
  let pid: string;
  let editor: Awaited<ReturnType<typeof signIn>>;
  const env = { ...process.env };
  beforeAll(async () => {
    server = await startServer('pglite');
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    editor = await signIn(server.app, server.database.db, 'ed');
    pid = ((await editor.call('POST', '/api/projects', { name: 'Push' })).json() as { id: string }).id;
    const token = ((await editor.call('POST', '/api/tokens', { name: 'cli', scope: 'write' })).json() as { token: string }).token;
    tmp = mkdtempSync(join(tmpdir(), 'jimu-push-'));
    process.env.JIMU_TOKEN = token;
    process.env.JIMU_CONFIG_DIR = join(tmp, 'config');
  });
  afterAll(async () => {
    process.env = env;
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('de-identifies DICOM before it leaves, resumes an interrupted push when run again, and the server holds the same bytes', async () => {
    const dir = join(tmp, 'study');
    mkdirSync(join(dir, 'ct'), { recursive: true });
    copyFileSync(CT, join(dir, 'ct', 'slice.dcm'));
    const big = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 13 + (i >> 9)) & 0xff);
    writeFileSync(join(dir, 'volume.bin'), big);
    writeFileSync(join(dir, 'labels.csv'), 'case,label\nslice,1\n');
    const original = new Uint8Array(readFileSync(CT));
    expect(str(parseDicom(original).dataset, T.PatientName)).toBeTruthy();

    // The link drops after six chunks.
    let puts = 0;
    let arrived = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT' && ++puts > 6) throw new Error('socket hang up');
      if (init?.method === 'PUT') arrived += (init.body as Uint8Array).length;
      return fetch(input, init);
    };
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    await expect(push(dir, { project: 'Push', dataset: 'study', server: url, chunkBytes: 16 * 1024, fetch: flaky }, io)).rejects.toThrow(/connection .* failed: socket hang up/);
    const list = (await editor.call('GET', `/api/projects/${pid}/datasets`)).json() as { datasets: unknown[] };
    expect(list.datasets).toEqual([]);

    // Every chunk sent, original or resent, is counted: the second run sends only what was missing.
    let resent = 0;
    const counting: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT') resent += (init.body as Uint8Array).length;
      return fetch(input, init);
    };
    out.length = 0;
    expect(await push(dir, { project: 'Push', dataset: 'study', server: url, chunkBytes: 16 * 1024, fetch: counting }, io)).toBe(0);
    expect(out.join('\n')).toMatch(/Resuming the upload: 0\.\d MiB of 0\.\d MiB already on the server/);
    expect(out.at(-1)).toMatch(/✓ Pushed 3 files .* as "study" version 1 of project Push/);
    const v = (await editor.call('GET', `/api/projects/${pid}/datasets/study/versions/1`)).json() as { manifest: { files: { path: string; size: number }[] }; deid: { files: { path: string; checked: boolean }[] } };
    const total = v.manifest.files.reduce((a, f) => a + f.size, 0);
    expect(arrived).toBeGreaterThan(0);
    expect(resent).toBe(total - arrived);
    expect(v.manifest.files.map((f) => f.path)).toEqual(['ct/slice.dcm', 'labels.csv', 'volume.bin']);
    expect(v.deid.files.find((f) => f.path === 'ct/slice.dcm')?.checked).toBe(true);

    const dcm = (await editor.call('GET', `/api/projects/${pid}/datasets/study/versions/1/file?path=ct/slice.dcm`)).rawPayload;
    expect(sha(dcm)).not.toBe(sha(original));
    const parsed = parseDicom(new Uint8Array(dcm));
    expect(checkDeidentified(parsed).identifying).toEqual([]);
    expect(str(parsed.dataset, T.PatientName)).toMatch(/^JIMU-/);
    const vol = (await editor.call('GET', `/api/projects/${pid}/datasets/study/versions/1/file?path=volume.bin`)).rawPayload;
    expect(sha(vol)).toBe(sha(big));

    // The state file keeps the salt: private to the user.
    const states = readdirSync(join(tmp, 'config', 'push'));
    expect(states).toHaveLength(1);
    expect(statSync(join(tmp, 'config', 'push', states[0]!)).mode & 0o077).toBe(0);
  });

  it('runs as `jimu push` from the command line: a second run of the same folder says it is already there', async () => {
    const dir = join(tmp, 'cli');
    mkdirSync(dir);
    copyFileSync(CT, join(dir, 'a.dcm'));
    // DICOM without a preamble or a .dcm name is de-identified too (the server would refuse it otherwise);
    // a file that merely starts with the same two bytes is sent as it is.
    copyFileSync(new URL('../data/fixtures/medical/CT_small_no_meta.dcm', import.meta.url).pathname, join(dir, 'IM0002'));
    const odd = Uint8Array.from({ length: 5000 }, (_, i) => (i < 2 ? [8, 0][i]! : (i * 5) & 0xff));
    writeFileSync(join(dir, 'odd.bin'), odd);
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    expect(await main(['push', dir, '--project', pid, '--dataset', 'cli', '--server', url], io)).toBe(0);
    expect(out.join('\n')).toMatch(/2 DICOM files de-identified/);
    const v = (await editor.call('GET', `/api/projects/${pid}/datasets/cli/versions/1`)).json() as { stats: { kinds: Record<string, number> }; manifest: { files: { path: string; sha256: string }[] } };
    expect(v.stats.kinds).toEqual({ dicom: 2, other: 1 });
    expect(v.manifest.files.find((f) => f.path === 'odd.bin')?.sha256).toBe(sha(odd));
    out.length = 0;
    expect(await main(['push', dir, '--project', pid, '--dataset', 'cli', '--server', url], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Already pushed: "cli" version 1/);
    out.length = 0;
    delete process.env.JIMU_TOKEN;
    expect(await main(['push', dir, '--project', pid, '--dataset', 'cli', '--server', url], io)).toBe(2);
    expect(out.join('\n')).toMatch(/No API token for http:.*jimu login/s);
  });
});
