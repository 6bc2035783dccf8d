import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, type Permission, type Role } from './permissions';
import { ROUTES } from './routes';
import { DATABASES, signIn, startServer, type Client } from './testing/harness';

const template = JSON.parse(readFileSync(new URL('../../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8'));

/**
 * A valid request for every project route, so that only the permission decides the answer. The test
 * fails if a route is added without one: every route is walked against every role.
 */
const CHUNK = Buffer.from('jimu');
const CHUNK_SHA = createHash('sha256').update(CHUNK).digest('hex');
const octet = { 'content-type': 'application/octet-stream' };

/** `$open` and `$full` stand for the project's two uploads: nothing received yet, and everything received. */
const SAMPLES: Record<string, { path?: Record<string, string>; body?: unknown; query?: string; headers?: Record<string, string> }> = {
  'GET /api/projects/:projectId': {},
  'PATCH /api/projects/:projectId': { body: { name: 'Renamed' } },
  'DELETE /api/projects/:projectId': {},
  'GET /api/projects/:projectId/members': {},
  'PUT /api/projects/:projectId/members/:userName': { path: { userName: 'bystander' }, body: { role: 'viewer' } },
  'DELETE /api/projects/:projectId/members/:userName': { path: { userName: 'member' } },
  'GET /api/projects/:projectId/pipelines': {},
  'POST /api/projects/:projectId/pipelines/:name/versions': { path: { name: 'shapes' }, body: { message: 'm', document: { ...template, name: 'changed' } } },
  'GET /api/projects/:projectId/pipelines/:name/versions': { path: { name: 'shapes' } },
  'GET /api/projects/:projectId/pipelines/:name/versions/:number': { path: { name: 'shapes', number: '1' } },
  'GET /api/projects/:projectId/pipelines/:name/diff': { path: { name: 'shapes' }, query: 'from=1&to=1' },
  'GET /api/projects/:projectId/audit': {},
  'GET /api/projects/:projectId/datasets': {},
  'GET /api/projects/:projectId/datasets/:name/versions': { path: { name: 'scans' } },
  'GET /api/projects/:projectId/datasets/:name/versions/:number': { path: { name: 'scans', number: '1' } },
  'GET /api/projects/:projectId/datasets/:name/versions/:number/file': { path: { name: 'scans', number: '1' }, query: 'path=a.bin' },
  'DELETE /api/projects/:projectId/datasets/:name': { path: { name: 'scans' } },
  'POST /api/projects/:projectId/uploads': { body: { dataset: 'new', files: [{ path: 'b.bin', size: CHUNK.length, sha256: CHUNK_SHA }] } },
  'GET /api/projects/:projectId/uploads/:uploadId': { path: { uploadId: '$open' } },
  'PUT /api/projects/:projectId/uploads/:uploadId/files/:index': { path: { uploadId: '$open', index: '0' }, query: 'offset=0', body: CHUNK, headers: octet },
  'POST /api/projects/:projectId/uploads/:uploadId/complete': { path: { uploadId: '$full' } },
  'DELETE /api/projects/:projectId/uploads/:uploadId': { path: { uploadId: '$open' } },
};

/**
 * What each caller may do, written out by hand (not computed by the code under test): each role includes
 * the one before; a non-member reads an internal project and nothing of a private one.
 */
const MAY = {
  viewer: ['project:read'],
  annotator: ['project:read', 'annotation:edit-own'],
  editor: ['project:read', 'annotation:edit-own', 'project:write'],
  owner: ['project:read', 'annotation:edit-own', 'project:write', 'project:manage'],
  admin: ['project:read', 'annotation:edit-own', 'project:write', 'project:manage'],
} as const;
const may = (caller: Caller, p: Permission, visibility: 'private' | 'internal'): boolean =>
  caller === 'outsider' ? visibility === 'internal' && p === 'project:read' : (MAY[caller] as readonly string[]).includes(p);

/** Who calls: a member with a role, a signed-in non-member, or an administrator. */
type Caller = Role | 'outsider' | 'admin';
const CALLERS: Caller[] = [...ROLES, 'outsider', 'admin'];

describe.each(DATABASES)('on %s', (kind) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const clients = {} as Record<Caller | 'creator', Client>;
  beforeAll(async () => {
    server = await startServer(kind);
    const db = server.database.db;
    for (const c of [...CALLERS, 'creator', 'bystander', 'member'] as const) {
      const client = await signIn(server.app, db, c, { admin: c === 'admin' });
      if (c !== 'bystander' && c !== 'member') clients[c] = client;
    }
  });
  afterAll(async () => server.close());

  /**
   * A fresh project of `visibility` where each role-named user holds that role, with one pipeline version,
   * one dataset version ("scans" v1 holding a.bin), and two uploads: one with nothing received, one with all.
   */
  async function project(visibility: 'private' | 'internal'): Promise<{ id: string; ids: Record<string, string> }> {
    const creator = clients.creator;
    const { id } = (await creator.call('POST', '/api/projects', { name: 'matrix', visibility })).json() as { id: string };
    for (const role of ROLES) await creator.call('PUT', `/api/projects/${id}/members/${role}`, { role });
    await creator.call('PUT', `/api/projects/${id}/members/member`, { role: 'viewer' });
    const v = await creator.call('POST', `/api/projects/${id}/pipelines/shapes/versions`, { message: 'v1', document: template });
    expect(v.statusCode).toBe(201);
    const upload = async (name: string, path: string, send: boolean) => {
      const u = (await creator.call('POST', `/api/projects/${id}/uploads`, { dataset: name, files: [{ path, size: CHUNK.length, sha256: CHUNK_SHA }] })).json() as { id: string };
      if (send) expect((await creator.call('PUT', `/api/projects/${id}/uploads/${u.id}/files/0?offset=0`, CHUNK, octet)).statusCode).toBe(200);
      return u.id;
    };
    const done = await creator.call('POST', `/api/projects/${id}/uploads/${await upload('scans', 'a.bin', true)}/complete`);
    expect(done.statusCode).toBe(200);
    return { id, ids: { $open: await upload('scans', 'c.bin', false), $full: await upload('scans', 'c.bin', true) } };
  }
  const fill = (url: string, p: { id: string; ids: Record<string, string> }, sample: (typeof SAMPLES)[string]) =>
    url.replace(/:([A-Za-z]+)/g, (_, k: string) => (k === 'projectId' ? p.id : (p.ids[sample.path![k]!] ?? sample.path![k]!))) + (sample.query ? `?${sample.query}` : '');

  const projectRoutes = ROUTES.filter((r) => r.access.includes(':'));

  describe('the role matrix: every project route × every role × private and internal projects', () => {
    it('has a sample request for every project route', () => {
      expect(projectRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(Object.keys(SAMPLES).sort());
    });

    it('states the permissions as the roles include each other', () => {
      expect(PERMISSIONS).toEqual({ 'project:read': 'viewer', 'annotation:edit-own': 'annotator', 'project:write': 'editor', 'project:manage': 'owner' });
    });

    for (const visibility of ['private', 'internal'] as const) {
      it(`${visibility} projects: allowed exactly where the role allows, refused (403, or 404 when the project cannot be read) elsewhere`, async () => {
        const mismatches: string[] = [];
        for (const r of projectRoutes) {
          for (const caller of CALLERS) {
            const p = await project(visibility);
            const sample = SAMPLES[`${r.method} ${r.url}`]!;
            const res = await clients[caller].call(r.method, fill(r.url, p, sample), sample.body, sample.headers);
            const expected = may(caller, r.access as Permission, visibility);
            const readable = may(caller, 'project:read', visibility);
            const got = res.statusCode < 300 ? 'allowed' : res.statusCode === 403 ? 'refused' : res.statusCode === 404 && !readable ? 'hidden' : `status ${res.statusCode}: ${res.body.slice(0, 120)}`;
            const want = expected ? 'allowed' : readable ? 'refused' : 'hidden';
            if (got !== want) mismatches.push(`${r.method} ${r.url} as ${caller} (${visibility}): ${got}, expected ${want}`);
          }
        }
        expect(mismatches).toEqual([]);
      });
    }

    it('refuses another project’s ids in every route (no access by guessing), and records each attempt', async () => {
      const theirs = await project('private');
      const outsider = clients.outsider;
      for (const r of projectRoutes) {
        const sample = SAMPLES[`${r.method} ${r.url}`]!;
        const res = await outsider.call(r.method, fill(r.url, theirs, sample), sample.body, sample.headers);
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
      }
      const log = (await clients.admin.call('GET', '/api/admin/audit?limit=1000')).json() as { user: string; action: string; outcome: string }[];
      expect(log.filter((e) => e.user === 'outsider' && e.action === 'project.refused').length).toBeGreaterThanOrEqual(projectRoutes.length);
    });
  });
});
