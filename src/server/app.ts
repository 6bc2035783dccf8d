import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { and, eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONTENT_SECURITY_POLICY } from '../app/content-security-policy';
import { identify, SESSION_COOKIE } from './auth/identify';
import { LoginLimiter } from './auth/rate-limit';
import type { Db } from './db/connect';
import { FileBlobStore, type BlobStore } from './blobs/store';
import { auditLog, memberships, projects } from './db/schema';
import { openApiDocument } from './openapi';
import { allows, isRole, type Permission } from './permissions';
import { expireUploads } from './datasets/expire-uploads';
import { HttpError, type Audit, type Context, type Project, type RouteDef } from './route';
import { ROUTES } from './routes';

export interface ServerOptions {
  db: Db;
  /** Structured logs (pino, Fastify's logger); off in tests. */
  logger?: boolean;
  /** Secure cookies (HTTPS). Off for http://127.0.0.1. */
  secureCookies?: boolean;
  limiter?: LoginLimiter;
  /** Largest request body in bytes (default 16 MiB; uploads come in chunks). */
  bodyLimit?: number;
  /** The built web app (`dist/`), served beside the API when it exists. */
  staticDir?: string;
  /** The server's folder: blobs in `blobs/`, uploads in progress in `uploads/`. */
  dataDir: string;
  /** Where file contents are kept (default: files under `dataDir/blobs`). */
  blobs?: BlobStore;
  /** Dataset bytes a project may hold unless an administrator sets its own quota (default 100 GiB). */
  defaultQuotaBytes?: number;
  /** An open upload with no chunk for this long is removed, at start-up and hourly (default 7 days). */
  uploadExpiryMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    jimu: { db: Db; limiter: LoginLimiter; secureCookies: boolean; dataDir: string; blobs: BlobStore; defaultQuotaBytes: number; bodyLimit: number };
  }
}

/** The team server's HTTP API; every route is declared once in `routes/` and checked here. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimit ?? 16 * 2 ** 20;
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit, trustProxy: false });
  const blobs = opts.blobs ?? new FileBlobStore(join(opts.dataDir, 'blobs'));
  app.decorate('jimu', { db: opts.db, limiter: opts.limiter ?? new LoginLimiter(), secureCookies: opts.secureCookies ?? false, dataDir: opts.dataDir, blobs, defaultQuotaBytes: opts.defaultQuotaBytes ?? 100 * 2 ** 30, bodyLimit });
  await app.register(cookie);
  // Upload chunks arrive as raw bytes, bounded by bodyLimit like every body.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.status).send({ error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } });
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 413) return reply.status(413).send({ error: { code: 'too-large', message: 'The request body is larger than this server accepts.', hint: 'Send large files in chunks.' } });
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.status(e.statusCode).send({ error: { code: 'bad-request', message: e.message ?? 'Bad request.' } });
    request.log.error(error);
    return reply.status(500).send({ error: { code: 'internal', message: 'The server failed to answer this request; it is logged.' } });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: { code: 'not-found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } }));

  for (const def of ROUTES) register(app, def);

  // Uploads left open (a push never re-run, a browser closed) would hold their bytes and quota for good.
  const sweep = () => expireUploads(opts.db, opts.dataDir, blobs, opts.uploadExpiryMs).then((ids) => ids.length && app.log.info({ expired: ids }, 'removed idle uploads'), (e: unknown) => app.log.error(e));
  let sweeper: ReturnType<typeof setInterval> | undefined;
  app.addHook('onReady', async () => {
    await sweep();
    sweeper = setInterval(() => void sweep(), 3600_000).unref();
  });
  app.addHook('onClose', async () => clearInterval(sweeper));
  app.get('/api/openapi.json', async () => openApiDocument(ROUTES));

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin').header('x-frame-options', 'DENY');
    if (!request.url.startsWith('/api/')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    return payload;
  });
  if (opts.staticDir && existsSync(join(opts.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.staticDir, index: 'index.html', dotfiles: 'deny' });
  }
  return app;
}

function register(app: FastifyInstance, def: RouteDef): void {
  app.route({
    method: def.method,
    url: def.url,
    handler: async (request, reply) => {
      const { db } = app.jimu;
      // On open routes (sign-in, health) a stale or planted credential is ignored, not an error.
      const identified = identify(db, request, request.cookies[SESSION_COOKIE]);
      const who = def.access === 'open' ? await identified.catch(() => null) : await identified;
      if (def.access !== 'open' && !who) throw new HttpError(401, 'sign-in', 'Sign in to use this.', 'POST /api/login, or use an API token from `jimu login`.');
      const user = who?.user ?? null;
      const audit = auditor(db, request, user?.id ?? null);
      if (def.access === 'admin' && !user!.admin) {
        await audit('admin.refused', { target: `${def.method} ${def.url}`, outcome: 'refused' });
        throw new HttpError(403, 'admin-only', 'Only an administrator may do this.');
      }
      const params = parse(def.params, request.params, 'path');
      let project: Project | null = null;
      let role = null;
      if (isPermission(def.access)) {
        const id = (params as { projectId?: string }).projectId;
        ({ project, role } = await projectAccess(db, id, user!, def.access, audit, `${def.method} ${def.url}`));
      }
      const body = parse(def.body, request.body, 'body');
      const query = parse(def.query, request.query, 'query');
      const ctx: Context<unknown, unknown, unknown> = { db, params, body, query, user, credential: who?.credential ?? null, project, role, audit: (a, e) => audit(a, { projectId: project?.id ?? null, ...e }), request, reply, status: def.status ?? 200 };
      const result = await def.handler(ctx);
      if (reply.sent || def.raw) return reply; // a handler that wrote its own answer (a CSV export, a download)
      reply.status(ctx.status);
      return def.response.parse(result);
    },
  });
}

const isPermission = (a: string): a is Permission => a.includes(':');

/** Loads the project and checks the user's permission; a project the user may not even read is "not found". */
async function projectAccess(db: Db, id: string | undefined, user: { id: string; admin: boolean }, permission: Permission, audit: Audit, what: string) {
  const [row] = id ? await db.select().from(projects).where(and(eq(projects.id, id), eq(projects.deleted, false))) : [];
  const [member] = row ? await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.projectId, row.id), eq(memberships.userId, user.id))) : [];
  const role = member && isRole(member.role) ? member.role : null;
  const visibility = row?.visibility === 'internal' ? 'internal' : 'private';
  if (!row || !allows('project:read', { role, admin: user.admin, visibility })) {
    await audit('project.refused', { target: what, outcome: 'not-found', detail: { projectId: id ?? null }, projectId: row ? row.id : null });
    throw new HttpError(404, 'no-project', 'There is no such project, or you are not a member of it.', 'Ask an owner of the project to add you.');
  }
  if (!allows(permission, { role, admin: user.admin, visibility })) {
    await audit('project.refused', { target: what, outcome: 'refused', detail: { need: permission, role }, projectId: row.id });
    throw new HttpError(403, 'forbidden', `Your role in this project (${role ?? 'none: the project is internal'}) does not allow this.`, 'Ask an owner of the project for a role that does.');
  }
  return { project: { id: row.id, name: row.name, visibility } as Project, role };
}

function auditor(db: Db, request: FastifyRequest, userId: string | null): Audit {
  return async (action, e) => {
    await db.insert(auditLog).values({ action, userId, projectId: e.projectId ?? null, target: e.target ?? null, outcome: e.outcome ?? 'ok', ip: request.ip, detail: e.detail ?? null });
  };
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.length ? issue.path.join('.') : where;
  throw new HttpError(400, 'invalid', `The request's ${where} is not valid: ${path}: ${issue.message}.`, 'See /api/openapi.json for what this route accepts.');
}
