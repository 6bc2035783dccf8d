import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';

const dir = mkdtempSync(join(tmpdir(), 'jimu-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bin = new URL('../../bin/jimu.mjs', import.meta.url).pathname;

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('jimu serve and jimu users add', () => {
  it('creates the first administrator, serves the API from an embedded database, and stops cleanly on SIGTERM', async () => {
    const data = join(dir, 'server');
    writeFileSync(join(dir, 'pw'), 'a long enough passphrase\n');
    const added = await cli(['users', 'add', 'root', '--admin', '--password-file', join(dir, 'pw'), '--data', data]);
    expect(added).toMatchObject({ code: 0, out: 'Created administrator root.' });
    const again = await cli(['users', 'add', 'root', '--password-file', join(dir, 'pw'), '--data', data]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already a user named "root"/);

    const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout.on('data', (b: Buffer) => (output += b.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', () => {
        const m = /Jimu team server on (http:\/\/[\d.]+:\d+)/.exec(output);
        if (m) resolve(m[1]!);
      });
      server.once('exit', (c) => reject(new Error(`jimu serve exited with ${c}: ${output}`)));
    });
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true, database: 'ok' });
    expect((await fetch(`${url}/api/projects`)).status).toBe(401);
    const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'root', password: 'a long enough passphrase' }) });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/jimu_session=.*HttpOnly.*SameSite=Strict/i);
    const exited = new Promise<number | null>((r) => server.once('exit', r));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad port and a short password with what to do', async () => {
    expect((await cli(['serve', '--port', 'eighty', '--data', join(dir, 'x')])).err).toMatch(/--port eighty is not a port number/);
    writeFileSync(join(dir, 'short'), 'short\n');
    const r = await cli(['users', 'add', 'bob', '--password-file', join(dir, 'short'), '--data', join(dir, 'x')]);
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/password must be at least 10 characters/)]);
  });
});
