import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';
import { push } from './push';

const dir = mkdtempSync(join(tmpdir(), 'jimu-push-fault-'));
const bin = new URL('../../bin/jimu.mjs', import.meta.url).pathname;
const env = { ...process.env };
let server: ChildProcess | null = null;
afterAll(() => {
  server?.kill('SIGKILL');
  process.env = env;
  rmSync(dir, { recursive: true, force: true });
});
const quiet = { out: () => undefined, err: () => undefined };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** `jimu serve` in its own process, on any free port; answers its URL. */
async function serve(data: string): Promise<string> {
  server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const s = server;
  return new Promise<string>((resolve, reject) => {
    s.stdout!.on('data', (b: Buffer) => {
      output += b.toString();
      const m = /Jimu team server on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (m) resolve(m[1]!);
    });
    s.once('exit', (c) => reject(new Error(`jimu serve exited with ${c}: ${output}`)));
  });
}

describe('jimu push when the server is killed mid-upload', () => {
  it('after kill -9 and a restart, no half-written version is visible and the same command resumes and finishes', async () => {
    const data = join(dir, 'server');
    writeFileSync(join(dir, 'pw'), 'a long enough passphrase\n');
    expect(await main(['users', 'add', 'root', '--admin', '--password-file', join(dir, 'pw'), '--data', data], quiet)).toBe(0);
    let url = await serve(data);
    const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'root', password: 'a long enough passphrase' }) });
    const cookie = /jimu_session=[^;]+/.exec(login.headers.get('set-cookie')!)![0];
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const as = (method: string, path: string, body: unknown) => fetch(`${url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    await as('POST', '/api/projects', { name: 'Fault' });
    process.env.JIMU_TOKEN = ((await as('POST', '/api/tokens', { name: 'cli', scope: 'write' })) as { token: string }).token;
    process.env.JIMU_CONFIG_DIR = join(dir, 'config');

    const folder = join(dir, 'data');
    mkdirSync(folder);
    const bytes = Uint8Array.from({ length: 3 * 2 ** 20 }, (_, i) => (i * 7 + (i >> 11)) & 0xff);
    writeFileSync(join(folder, 'volume.bin'), bytes);
    let puts = 0;
    const killing: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT' && ++puts === 5) {
        const exited = new Promise((r) => server!.once('exit', r));
        server!.kill('SIGKILL');
        await exited;
      }
      return fetch(input, init);
    };
    await expect(push(folder, { project: 'Fault', dataset: 'vol', server: url, chunkBytes: 256 * 1024, fetch: killing }, quiet)).rejects.toThrow(/connection .* failed/);

    url = await serve(data);
    const r = await fetch(`${url}/api/projects`, { headers: { authorization: `Bearer ${process.env.JIMU_TOKEN}` } });
    const pid = ((await r.json()) as { id: string }[])[0]!.id;
    const listed = await fetch(`${url}/api/projects/${pid}/datasets`, { headers: { authorization: `Bearer ${process.env.JIMU_TOKEN}` } }).then((x) => x.json());
    expect(listed).toMatchObject({ datasets: [] });
    const out: string[] = [];
    expect(await push(folder, { project: 'Fault', dataset: 'vol', server: url, chunkBytes: 256 * 1024 }, { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
    expect(out.join('\n')).toMatch(/Resuming the upload: 1\.0 MiB of 3\.0 MiB already on the server/);
    const down = await fetch(`${url}/api/projects/${pid}/datasets/vol/versions/1/file?path=volume.bin`, { headers: { authorization: `Bearer ${process.env.JIMU_TOKEN}` } });
    expect(sha(new Uint8Array(await down.arrayBuffer()))).toBe(sha(bytes));
    const exited = new Promise<number | null>((res) => server!.once('exit', res));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
    server = null;
  });
});
