import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../server/db/schema';
import { signIn, startServer } from '../server/testing/harness';
import { credentialsFile } from './credentials';
import { main } from './main';

describe('jimu login, push with the stored token, and logout, against a team server started here', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let url: string;
  let tmp: string;
  let pid: string;
  const env = { ...process.env };
  const out: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
  beforeAll(async () => {
    server = await startServer('pglite');
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const ed = await signIn(server.app, server.database.db, 'ed'); // password: ed-password-long
    pid = ((await ed.call('POST', '/api/projects', { name: 'Login' })).json() as { id: string }).id;
    tmp = mkdtempSync(join(tmpdir(), 'jimu-login-'));
    delete process.env.JIMU_TOKEN;
    delete process.env.JIMU_SERVER;
    process.env.JIMU_CONFIG_DIR = join(tmp, 'config');
    writeFileSync(join(tmp, 'right'), 'ed-password-long\n');
    writeFileSync(join(tmp, 'wrong'), 'not-the-password\n');
  });
  afterAll(async () => {
    process.env = env;
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });
  const me = (token: string) => fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses a wrong password and stores nothing', async () => {
    expect(await main(['login', url, '--name', 'ed', '--password-file', join(tmp, 'wrong')], io)).not.toBe(0);
    expect(out.at(-1)).toMatch(/refused: That name and password do not match/);
    expect(() => statSync(credentialsFile())).toThrow();
  });

  it('keeps a token only its user can read, ends the sign-in session, and push finds the server and token by itself', async () => {
    expect(await main(['login', `${url}/`, '--name', 'ed', '--password-file', join(tmp, 'right'), '--days', '2'], io)).toBe(0);
    expect(out.at(-1)).toMatch(/Signed in to http:\/\/127\.0\.0\.1:\d+ as ed: a write token until/);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
    expect(statSync(process.env.JIMU_CONFIG_DIR!).mode & 0o777).toBe(0o700);
    const [stored] = JSON.parse(readFileSync(credentialsFile(), 'utf8')) as { server: string; token: string; expiresAt: string }[];
    expect(stored!.server).toBe(new URL(url).origin);
    const days = (Date.parse(stored!.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(1.9);
    expect(days).toBeLessThanOrEqual(2);
    expect(((await (await me(stored!.token)).json()) as { name: string }).name).toBe('ed');
    // The session the login opened is revoked: only the test's own sign-in is still live.
    const all = await server.database.db.select().from(sessions);
    expect(all.map((s) => s.revoked).sort()).toEqual([false, true]);

    const dir = join(tmp, 'data');
    mkdirSync(dir);
    writeFileSync(join(dir, 'labels.csv'), 'case,label\na,1\n');
    expect(await main(['push', dir, '--project', pid, '--dataset', 'logged-in'], io)).toBe(0);
    const r = await fetch(`${url}/api/projects/${pid}/datasets/logged-in/versions`, { headers: { authorization: `Bearer ${stored!.token}` } });
    expect(((await r.json()) as { number: number }[]).map((v) => v.number)).toEqual([1]);
  });

  it('logout revokes the token on the server and forgets it here', async () => {
    const [stored] = JSON.parse(readFileSync(credentialsFile(), 'utf8')) as { token: string }[];
    expect(await main(['logout'], io)).toBe(0);
    expect(out.at(-1)).toMatch(/^Revoked and forgot the token for http/);
    expect((await me(stored!.token)).status).toBe(401);
    expect(JSON.parse(readFileSync(credentialsFile(), 'utf8'))).toEqual([]);
    expect(await main(['push', tmp, '--project', pid, '--dataset', 'x', '--server', url], io)).not.toBe(0);
    expect(out.at(-1)).toMatch(/No API token for .*jimu login/s);
  });
});
