import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startServer, signIn, type Client } from './testing/harness';
import { ROUTES } from './routes';

const template = JSON.parse(readFileSync(new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8'));

describe.each(DATABASES)('on %s', (kind) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let admin: Client;
  let alice: Client;
  beforeAll(async () => {
    server = await startServer(kind);
    admin = await signIn(server.app, server.database.db, 'root', { admin: true });
    alice = await signIn(server.app, server.database.db, 'alice');
  });
  afterAll(async () => server.close());

  const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;

  describe('the team server: signing in', () => {
    it('answers health and its OpenAPI document to anyone, and 401 to anonymous requests on every other route', async () => {
      expect((await server.app.inject({ url: '/api/health' })).json()).toEqual({ ok: true, database: 'ok' });
      const doc = (await server.app.inject({ url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toBe('3.1.0');
      for (const r of ROUTES) expect(doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
      for (const r of ROUTES.filter((x) => x.access !== 'open')) {
        const url = r.url.replace(/:([A-Za-z]+)/g, 'x1');
        const res = await server.app.inject({ method: r.method, url, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      }
    });

    it('refuses a wrong password without telling whether the name exists, and slows down after five failures', async () => {
      const wrong = await server.app.inject({ method: 'POST', url: '/api/login', payload: { name: 'alice', password: 'not-her-password' } });
      const nobody = await server.app.inject({ method: 'POST', url: '/api/login', payload: { name: 'nobody', password: 'whatever-password' } });
      expect([wrong.statusCode, nobody.statusCode]).toEqual([401, 401]);
      expect(wrong.json()).toEqual(nobody.json());
      for (let i = 0; i < 5; i++) await server.app.inject({ method: 'POST', url: '/api/login', payload: { name: 'mallory', password: `guess-number-${i}` }, remoteAddress: '10.0.0.9' });
      const limited = await server.app.inject({ method: 'POST', url: '/api/login', payload: { name: 'mallory', password: 'guess-number-6' }, remoteAddress: '10.0.0.9' });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      server.limiter.succeed('ip:10.0.0.9');
    });

    it('sets an HttpOnly, SameSite=Strict session cookie, new at every sign-in (a planted cookie is never promoted)', async () => {
      const r = await server.app.inject({ method: 'POST', url: '/api/login', payload: { name: 'alice', password: 'alice-password-long' }, cookies: { jimu_session: 'planted-by-an-attacker' } });
      const c = r.cookies.find((x) => x.name === 'jimu_session')!;
      expect(c.httpOnly).toBe(true);
      expect(c.sameSite).toBe('Strict');
      expect(c.value).not.toBe('planted-by-an-attacker');
      expect(c.value).not.toBe(alice.cookie);
      const planted = await server.app.inject({ url: '/api/me', cookies: { jimu_session: 'planted-by-an-attacker' } });
      expect(planted.statusCode).toBe(401);
    });

    it('refuses a change without the session’s CSRF token, and accepts it with the token', async () => {
      const without = await server.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'csrf' }, cookies: { jimu_session: alice.cookie } });
      expect([without.statusCode, code(without)]).toEqual([403, 'csrf']);
      const forged = await alice.call('POST', '/api/projects', { name: 'csrf' }, { 'x-csrf-token': 'x'.repeat(43) });
      expect(forged.statusCode).toBe(403);
      expect((await alice.call('POST', '/api/projects', { name: 'csrf' })).statusCode).toBe(201);
    });

    it('gives the CLI scoped, expiring tokens: read tokens only read, revoked tokens stop at once', async () => {
      const t = (await alice.call('POST', '/api/tokens', { name: 'laptop', scope: 'read', days: 30 })).json() as { id: string; token: string };
      expect(t.token).toMatch(/^jimu_/);
      const bearer = { authorization: `Bearer ${t.token}` };
      expect((await server.app.inject({ url: '/api/me', headers: bearer })).json()).toMatchObject({ name: 'alice' });
      const write = await server.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'x' }, headers: bearer });
      expect([write.statusCode, code(write)]).toEqual([403, 'read-only-token']);
      // The secret is never stored or listed.
      const listed = (await alice.call('GET', '/api/tokens')).body;
      expect(listed).not.toContain(t.token);
      const stored = await server.database.db.execute(sql`SELECT token_hash FROM api_tokens`);
      expect(JSON.stringify(stored)).not.toContain(t.token);
      expect((await alice.call('DELETE', `/api/tokens/${t.id}`)).statusCode).toBe(200);
      expect((await server.app.inject({ url: '/api/me', headers: bearer })).statusCode).toBe(401);
      expect((await server.app.inject({ url: '/api/me', headers: { authorization: 'Bearer jimu_0000000000000000' } })).statusCode).toBe(401);
    });

    it('locks a disabled user out at once, sessions and tokens alike', async () => {
      const bob = await signIn(server.app, server.database.db, 'bob');
      const token = ((await bob.call('POST', '/api/tokens', { name: 'cli', scope: 'write' })).json() as { token: string }).token;
      expect((await bob.call('GET', '/api/projects')).statusCode).toBe(200);
      expect((await admin.call('PATCH', `/api/admin/users/${bob.id}`, { disabled: true })).statusCode).toBe(200);
      expect((await bob.call('GET', '/api/projects')).statusCode).toBe(401);
      expect((await server.app.inject({ url: '/api/projects', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
      const again = await server.app.inject({ method: 'POST', url: '/api/login', payload: { name: 'bob', password: 'bob-password-long' } });
      expect(again.statusCode).toBe(401);
    });

    it('revokes every session of a user on request', async () => {
      const carol = await signIn(server.app, server.database.db, 'carol');
      const second = await signIn(server.app, server.database.db, 'carol', { create: false });
      expect((await carol.call('POST', '/api/sessions/revoke')).statusCode).toBe(200);
      expect((await second.call('GET', '/api/me')).statusCode).toBe(401);
    });
  });

  describe('the team server: pipelines', () => {
    it('keeps immutable, numbered versions, skips a save that changes nothing, and shows what changed', async () => {
      const p = (await alice.call('POST', '/api/projects', { name: 'Glioma', visibility: 'private' })).json() as { id: string };
      const url = `/api/projects/${p.id}/pipelines/shapes/versions`;
      const v1 = await alice.call('POST', url, { message: 'first', document: template });
      expect([v1.statusCode, (v1.json() as { number: number }).number]).toEqual([201, 1]);
      const same = await alice.call('POST', url, { message: 'again', document: template });
      expect([same.statusCode, (same.json() as { created: boolean }).created]).toEqual([200, false]);
      const changed = structuredClone(template);
      const dense = changed.blocks.find((b: { type: string }) => b.type === 'Dense');
      dense.params.units = 77;
      changed.blocks = changed.blocks.filter((b: { type: string }) => b.type !== 'Dropout');
      const v2 = await alice.call('POST', url, { message: 'wider', document: changed });
      expect((v2.json() as { number: number }).number).toBe(2);
      const list = (await alice.call('GET', url)).json() as { number: number; message: string; author: string }[];
      expect(list.map((v) => [v.number, v.message, v.author])).toEqual([[2, 'wider', 'alice'], [1, 'first', 'alice']]);
      const diff = (await alice.call('GET', `/api/projects/${p.id}/pipelines/shapes/diff?from=1&to=2`)).json() as { blocks: { kind: string; id: string; params?: { name: string; from?: unknown; to?: unknown }[] }[] };
      expect(diff.blocks).toContainEqual({ kind: 'params', id: dense.id, type: 'Dense', params: [{ name: 'units', from: template.blocks.find((b: { id: string }) => b.id === dense.id).params.units, to: 77 }] });
      const removed = template.blocks.filter((b: { type: string }) => b.type === 'Dropout');
      for (const b of removed) expect(diff.blocks).toContainEqual({ kind: 'removed', id: b.id, type: 'Dropout' });
      const got = (await alice.call('GET', `${url}/1`)).json() as { document: unknown };
      expect((got.document as { name: string }).name).toBe(template.name);
    });

    it('of two saves based on the same version at the same moment, saves one and refuses the other with 409', async () => {
      const p = (await alice.call('POST', '/api/projects', { name: 'Race' })).json() as { id: string };
      const url = `/api/projects/${p.id}/pipelines/shapes/versions`;
      await alice.call('POST', url, { message: 'first', document: template });
      const edits = [31, 47, 59].map((units) => {
        const d = structuredClone(template);
        d.blocks.find((b: { type: string }) => b.type === 'Dense').params.units = units;
        return d;
      });
      const answers = await Promise.all(edits.slice(0, 2).map((document, i) => alice.call('POST', url, { message: `edit ${i}`, document, basedOn: 1 })));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
      expect(code(answers.find((a) => a.statusCode === 409)!)).toBe('newer-version');
      expect(((await alice.call('GET', url)).json() as unknown[]).length).toBe(2);
      // Not from this pipeline (null) is refused once a version exists; left out, the save is unconditional.
      expect((await alice.call('POST', url, { document: edits[2], basedOn: null })).statusCode).toBe(409);
      expect((await alice.call('POST', url, { message: 'anyway', document: edits[2] })).statusCode).toBe(201);
    });

    it('refuses a document that is not a pipeline, with the reason', async () => {
      const p = (await alice.call('POST', '/api/projects', { name: 'Bad docs' })).json() as { id: string };
      const r = await alice.call('POST', `/api/projects/${p.id}/pipelines/x/versions`, { document: { format: 'something-else' } });
      expect([r.statusCode, code(r)]).toEqual([400, 'invalid-pipeline']);
      expect((r.json() as { error: { message: string } }).error.message).toMatch(/J0\d\d/);
    });
  });

  describe('the team server: hostile input', () => {
    it('stores SQL-looking text as text, and refuses ids that are not ids before any query', async () => {
      const evil = "x'); DROP TABLE users; --";
      const p = (await alice.call('POST', '/api/projects', { name: evil })).json() as { id: string; name: string };
      expect(p.name).toBe(evil);
      expect((await alice.call('GET', `/api/projects/${p.id}`)).json()).toMatchObject({ name: evil });
      for (const id of ['..%2F..%2Fetc%2Fpasswd', "1'%20OR%20'1'='1", '%00']) {
        const r = await alice.call('GET', `/api/projects/${id}`);
        expect(r.statusCode, id).toBe(400);
      }
      expect((await admin.call('GET', '/api/admin/users')).statusCode).toBe(200);
    });

    it('refuses an oversized body with 413 and a clear message', async () => {
      const r = await alice.call('POST', '/api/projects', { name: 'x'.repeat(2 ** 20 + 10) });
      expect([r.statusCode, code(r)]).toEqual([413, 'too-large']);
    });
  });

  describe('the team server: audit log', () => {
    it('records sign-ins, role changes and refusals; owners read and export it; nobody can change it', async () => {
      const p = (await alice.call('POST', '/api/projects', { name: 'Audited' })).json() as { id: string };
      const dave = await signIn(server.app, server.database.db, 'dave');
      await alice.call('PUT', `/api/projects/${p.id}/members/dave`, { role: 'viewer' });
      expect((await dave.call('PATCH', `/api/projects/${p.id}`, { visibility: 'internal' })).statusCode).toBe(403);
      const log = (await alice.call('GET', `/api/projects/${p.id}/audit`)).json() as { user: string; action: string; outcome: string; target: string }[];
      expect(log).toContainEqual(expect.objectContaining({ user: 'alice', action: 'member.role', target: 'dave', outcome: 'ok' }));
      expect(log).toContainEqual(expect.objectContaining({ user: 'dave', action: 'project.refused', outcome: 'refused' }));
      expect((await dave.call('GET', `/api/projects/${p.id}/audit`)).statusCode).toBe(403);
      // CSV export: every cell quoted; a value that a spreadsheet would run as a formula is defused.
      await alice.call('PUT', `/api/projects/${p.id}/members/dave`, { role: 'editor' });
      await signIn(server.app, server.database.db, '=cmd', { create: true }).catch(() => undefined);
      const csv = await alice.call('GET', `/api/projects/${p.id}/audit?format=csv`);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body.split('\n')[0]).toBe('id,at,user,action,target,outcome,ip,detail');
      expect(csv.body).toContain('"member.role"');
      const all = await admin.call('GET', '/api/admin/audit?limit=1000');
      expect((all.json() as { action: string; outcome: string }[]).some((e) => e.action === 'login' && e.outcome === 'rate-limited')).toBe(true);
      await expect(server.database.db.execute(sql`UPDATE audit_log SET outcome = 'ok'`)).rejects.toMatchObject({ cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) });
      await expect(server.database.db.execute(sql`DELETE FROM audit_log`)).rejects.toBeTruthy();
    });
  });
});
