import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, type PipelineDocument } from '../../core';
import { startServer } from '../../server/testing/harness';
import { createUser } from '../../server/users';
import { canSave, saveVersion, teamClient, TeamError, type TeamClient } from './team-client';

/**
 * A browser's fetch against the real server app (Fastify's inject, no port): it keeps the session cookie
 * as a browser would (HttpOnly: the client never sees it) and records what was sent.
 */
function browserFetch(app: FastifyInstance) {
  let cookie: string | undefined;
  const sent: { method: string; url: string; headers: Record<string, string> }[] = [];
  const fetchFn = async (url: string, init: RequestInit): Promise<Response> => {
    const headers = { ...(init.headers as Record<string, string>) };
    sent.push({ method: init.method ?? 'GET', url, headers });
    const r = await app.inject({ method: (init.method ?? 'GET') as 'GET', url, headers: { ...headers, ...(cookie ? { cookie: `jimu_session=${cookie}` } : {}) }, ...(init.body ? { payload: init.body as string } : {}) });
    const set = r.cookies.find((c) => c.name === 'jimu_session');
    if (set) cookie = set.value || undefined;
    return new Response(r.statusCode === 204 ? null : r.body, { status: r.statusCode, headers: { 'content-type': String(r.headers['content-type'] ?? '') } });
  };
  return { fetchFn, sent, forget: () => (cookie = undefined) };
}

const doc = (units: number): PipelineDocument => {
  const text = JSON.stringify({
    format: 'jimu.pipeline',
    version: 3,
    name: 'Lesions',
    blocks: [
      { id: 'in', type: 'ImageInput', params: { height: 32, width: 32, channels: 1 } },
      { id: 'd1', type: 'Dense', params: { units, activation: 'softmax' } },
    ],
    links: [],
  });
  const r = parseDocument(text);
  if (!r.document) throw new Error(JSON.stringify(r.diagnostics));
  return r.document;
};

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer('pglite');
  await createUser(server.database.db, { name: 'ana', password: 'ana-password-long', admin: false });
  await createUser(server.database.db, { name: 'bo', password: 'bo-password-long', admin: false });
  await createUser(server.database.db, { name: 'vi', password: 'vi-password-long', admin: false });
});
afterAll(() => server?.close());

describe('the team server client', () => {
  let ana: TeamClient;
  let anaFetch: ReturnType<typeof browserFetch>;
  let projectId: string;

  it('refuses a wrong password in its own words, then signs in and sends the CSRF token on changes', async () => {
    anaFetch = browserFetch(server.app);
    ana = teamClient(anaFetch.fetchFn);
    expect(await ana.probe()).toBe(true);
    expect(await ana.resume()).toBeNull();
    const wrong = await ana.signIn('ana', 'not-her-password').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(TeamError);
    expect((wrong as TeamError).problem).toBe('sign-in-refused');
    expect(await ana.signIn('ana', 'ana-password-long')).toMatchObject({ name: 'ana', admin: false });
    // The project is made through the API (the app does not create projects); the owner adds members.
    await ownSignIn('ana');
    const made = await server.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Liver' }, headers: { cookie: `jimu_session=${cookies.ana!}`, 'x-csrf-token': csrfOf.ana! } });
    projectId = (made.json() as { id: string }).id;
    for (const [user, role] of [['bo', 'editor'], ['vi', 'viewer']]) {
      const r = await server.app.inject({ method: 'PUT', url: `/api/projects/${projectId}/members/${user}`, payload: { role }, headers: { cookie: `jimu_session=${cookies.ana!}`, 'x-csrf-token': csrfOf.ana! } });
      expect(r.statusCode).toBe(200);
    }
    const projects = await ana.projects();
    expect(projects).toEqual([{ id: projectId, name: 'Liver', visibility: 'private', role: 'owner' }]);
    expect(canSave(projects[0]!, { id: '', name: 'ana', admin: false })).toBe(true);
  });

  it('saves versions, lists them with author, and reads any of them back', async () => {
    const first = await saveVersion(ana, projectId, 'Lesions', 'first', doc(8), null);
    expect(first).toMatchObject({ kind: 'saved', version: { number: 1, author: 'ana', message: 'first', created: true } });
    const post = anaFetch.sent.filter((s) => s.method === 'POST' && s.url.endsWith('/versions')).at(-1)!;
    expect(post.headers['x-csrf-token']).toMatch(/.{16,}/);
    expect(await saveVersion(ana, projectId, 'Lesions', 'second', doc(16), 1)).toMatchObject({ kind: 'saved', version: { number: 2 } });
    // The same document again is not a new version.
    expect(await saveVersion(ana, projectId, 'Lesions', 'again', doc(16), 2)).toMatchObject({ kind: 'saved', version: { number: 2, created: false } });
    expect((await ana.pipelines(projectId)).map((p) => [p.name, p.number, p.author])).toEqual([['Lesions', 2, 'ana']]);
    expect((await ana.versions(projectId, 'Lesions')).map((v) => [v.number, v.message])).toEqual([
      [2, 'second'],
      [1, 'first'],
    ]);
    const v1 = await ana.version(projectId, 'Lesions', 1);
    expect(v1.document.blocks.find((b) => b.id === 'd1')!.params).toEqual({ units: 8, activation: 'softmax' });
  });

  it('tells the user when someone else saved a newer version, with what changed, and saves only when forced', async () => {
    const bo = teamClient(browserFetch(server.app).fetchFn);
    await bo.signIn('bo', 'bo-password-long');
    expect(await saveVersion(bo, projectId, 'Lesions', 'bo edits', doc(32), 2)).toMatchObject({ kind: 'saved', version: { number: 3, author: 'bo' } });
    // Ana still has version 2 open.
    const stale = await saveVersion(ana, projectId, 'Lesions', 'mine', doc(64), 2);
    expect(stale.kind).toBe('newer');
    if (stale.kind !== 'newer') return;
    expect(stale.latest).toMatchObject({ number: 3, author: 'bo' });
    expect(stale.diff.blocks).toEqual([{ kind: 'params', id: 'd1', type: 'Dense', params: [{ name: 'units', from: 16, to: 32 }] }]);
    expect((await ana.versions(projectId, 'Lesions'))[0]!.number).toBe(3);
    expect(await saveVersion(ana, projectId, 'Lesions', 'mine', doc(64), 2, true)).toMatchObject({ kind: 'saved', version: { number: 4, author: 'ana' } });
  });

  it('lets a viewer read but not save, and says the session ended after sign-out', async () => {
    const vi = teamClient(browserFetch(server.app).fetchFn);
    await vi.signIn('vi', 'vi-password-long');
    const [p] = await vi.projects();
    expect(p).toMatchObject({ role: 'viewer' });
    expect(canSave(p!, { id: '', name: 'vi', admin: false })).toBe(false);
    const refused = await vi.save(projectId, 'Lesions', 'x', doc(1)).catch((e: unknown) => e);
    expect((refused as TeamError).problem).toBe('forbidden');
    await vi.signOut();
    const after = await vi.projects().catch((e: unknown) => e);
    expect((after as TeamError).problem).toBe('session-ended');
    expect(await vi.resume()).toBeNull();
  });

  it('finds no server where a static server answers the app’s HTML or nothing at all', async () => {
    const html = teamClient(async () => new Response('<!doctype html><title>Jimu</title>', { status: 200, headers: { 'content-type': 'text/html' } }));
    expect(await html.probe()).toBe(false);
    expect(await teamClient(async () => new Response('not found', { status: 404 })).probe()).toBe(false);
    expect(await teamClient(async () => Promise.reject(new TypeError('Failed to fetch'))).probe()).toBe(false);
    const down = await teamClient(async () => Promise.reject(new TypeError('Failed to fetch'))).projects().catch((e: unknown) => e);
    expect((down as TeamError).problem).toBe('unreachable');
  });
});

// The test's own sign-in for the API calls the app does not make (creating a project, adding members).
const cookies: Record<string, string> = {};
const csrfOf: Record<string, string> = {};
async function ownSignIn(name: string): Promise<void> {
  const r = await server.app.inject({ method: 'POST', url: '/api/login', payload: { name, password: `${name}-password-long` } });
  cookies[name] = r.cookies.find((c) => c.name === 'jimu_session')!.value;
  csrfOf[name] = (r.json() as { csrfToken: string }).csrfToken;
}
