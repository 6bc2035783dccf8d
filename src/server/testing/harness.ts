import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../app';
import { LoginLimiter } from '../auth/rate-limit';
import { migrate, openDatabase, type Database } from '../db/connect';
import { createUser } from '../users';
import { havePostgres, startPostgres } from './postgres';

/** The databases every server test runs on: embedded PGlite, and a throwaway real PostgreSQL 15. */
export const DATABASES = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

/** A server on a fresh database of `kind` (in memory, or a new PostgreSQL cluster), with its clean-up. */
export async function startServer(kind: DatabaseKind = 'pglite', opts: { defaultQuotaBytes?: number } = {}) {
  let pg: Awaited<ReturnType<typeof startPostgres>> | null = null;
  if (kind === 'postgres') {
    if (!havePostgres()) throw new Error('PostgreSQL 15 is not installed: the server tests run on it too. Install Debian\'s postgresql (apt-get install postgresql), as .ci/run does.');
    pg = await startPostgres();
  }
  const database: Database = await openDatabase(pg ? { url: pg.url, dir: '' } : { dir: 'memory:' });
  await migrate(database.db);
  const limiter = new LoginLimiter(5, 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'jimu-server-'));
  const app: FastifyInstance = await buildServer({ db: database.db, limiter, bodyLimit: 2 ** 20, dataDir, ...opts });
  await app.ready();
  return {
    app,
    database,
    limiter,
    dataDir,
    close: async () => {
      await app.close();
      await database.close();
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Client {
  name: string;
  id: string;
  cookie: string;
  csrf: string;
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Creates the user (unless it exists) and signs in as a browser would: cookie plus CSRF token. */
export async function signIn(app: FastifyInstance, db: Database['db'], name: string, opts: { admin?: boolean; create?: boolean } = {}): Promise<Client> {
  const password = `${name}-password-long`;
  if (opts.create !== false) await createUser(db, { name, password, admin: opts.admin ?? false });
  const r = await app.inject({ method: 'POST', url: '/api/login', payload: { name, password } });
  if (r.statusCode !== 200) throw new Error(`sign-in of ${name} failed: ${r.body}`);
  const cookie = r.cookies.find((c) => c.name === 'jimu_session')!.value;
  const me = r.json() as { id: string; csrfToken: string };
  return {
    name,
    id: me.id,
    cookie,
    csrf: me.csrfToken,
    call: (method, url, body, headers = {}) =>
      app.inject({ method: method as 'GET', url, ...(body !== undefined ? { payload: body as object } : {}), cookies: { jimu_session: cookie }, headers: { 'x-csrf-token': me.csrfToken, ...headers } }),
  };
}
