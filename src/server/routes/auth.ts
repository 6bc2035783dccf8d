import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/identify';
import { decoyHash, newId, newSecret, secretHash, verifyPassword } from '../auth/secrets';
import { apiTokens, sessions, users } from '../db/schema';
import { HttpError, route } from '../route';
import { Id, Ok, UserName } from './common';

const SESSION_DAYS = 7;
const Me = z.object({ id: z.string(), name: z.string(), admin: z.boolean(), csrfToken: z.string().optional() });

export const AUTH_ROUTES = [
  route({
    method: 'GET',
    url: '/api/health',
    summary: 'Whether the server and its database answer.',
    access: 'open',
    response: z.object({ ok: z.boolean(), database: z.string() }),
    handler: async ({ db }) => {
      await db.select({ id: users.id }).from(users).limit(1);
      return { ok: true, database: 'ok' };
    },
  }),
  route({
    method: 'POST',
    url: '/api/login',
    summary: 'Sign in with a name and password; sets the session cookie and answers the CSRF token.',
    access: 'open',
    body: z.object({ name: UserName, password: z.string().max(1024) }),
    response: Me,
    handler: async ({ db, body, request, reply, audit }) => {
      const { limiter, secureCookies } = request.server.jimu;
      const keys = [`ip:${request.ip}`, `name:${body.name}`];
      const wait = Math.max(...keys.map((k) => limiter.retryAfter(k)));
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        await audit('login', { target: body.name, outcome: 'rate-limited' });
        throw new HttpError(429, 'slow-down', `Too many failed sign-ins. Try again in ${wait} s.`);
      }
      const [user] = await db.select().from(users).where(eq(users.name, body.name));
      // The same work whether or not the user exists: no telling names apart by time.
      const good = await verifyPassword(user?.passwordHash ?? (await decoyHash()), body.password);
      if (!user || !good || user.disabled) {
        for (const k of keys) limiter.fail(k);
        await audit('login', { target: body.name, outcome: user?.disabled && good ? 'disabled' : 'refused' });
        throw new HttpError(401, 'sign-in-refused', 'That name and password do not match an active account.');
      }
      for (const k of keys) limiter.succeed(k);
      // A fresh session every time: a cookie planted before sign-in is never promoted (session fixation).
      const secret = newSecret();
      const csrf = newSecret();
      await db.insert(sessions).values({ tokenHash: secretHash(secret), userId: user.id, csrfToken: csrf, expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000) });
      reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/', maxAge: SESSION_DAYS * 86_400 });
      await audit('login', { target: user.name, outcome: 'ok' });
      return { id: user.id, name: user.name, admin: user.admin, csrfToken: csrf };
    },
  }),
  route({
    method: 'POST',
    url: '/api/logout',
    summary: 'End this session.',
    access: 'user',
    response: Ok,
    handler: async ({ db, credential, reply, audit }) => {
      if (credential?.kind === 'session') await db.update(sessions).set({ revoked: true }).where(eq(sessions.tokenHash, credential.tokenHash));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      await audit('logout', {});
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/me',
    summary: 'Who is signed in (and, for a browser session, its CSRF token).',
    access: 'user',
    response: Me,
    handler: async ({ db, user, credential }) => {
      let csrfToken: string | undefined;
      if (credential?.kind === 'session') [{ csrfToken } = { csrfToken: undefined }] = await db.select({ csrfToken: sessions.csrfToken }).from(sessions).where(eq(sessions.tokenHash, credential.tokenHash));
      return { ...user!, ...(csrfToken ? { csrfToken } : {}) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/sessions/revoke',
    summary: 'End every session of the signed-in user (all browsers), this one included.',
    access: 'user',
    response: Ok,
    handler: async ({ db, user, audit }) => {
      await db.update(sessions).set({ revoked: true }).where(eq(sessions.userId, user!.id));
      await audit('sessions.revoke', { target: user!.name });
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/api/tokens',
    summary: 'Create an API token for the CLI; the token is shown once.',
    access: 'user',
    body: z.object({ name: z.string().trim().min(1).max(120), scope: z.enum(['read', 'write']).default('read'), days: z.number().int().min(1).max(365).default(30) }),
    response: z.object({ id: z.string(), token: z.string(), scope: z.string(), expiresAt: z.string() }),
    status: 201,
    handler: async ({ db, user, body, credential, audit }) => {
      if (credential?.kind !== 'session') throw new HttpError(403, 'session-only', 'API tokens are created from a signed-in session, not with another token.');
      const id = newId();
      const token = `jimu_${newSecret()}`;
      const expiresAt = new Date(Date.now() + body.days * 86_400_000);
      await db.insert(apiTokens).values({ id, tokenHash: secretHash(token), userId: user!.id, name: body.name, scope: body.scope, expiresAt });
      await audit('token.create', { target: id, detail: { scope: body.scope, days: body.days } });
      return { id, token, scope: body.scope, expiresAt: expiresAt.toISOString() };
    },
  }),
  route({
    method: 'GET',
    url: '/api/tokens',
    summary: 'The signed-in user’s API tokens (never the secrets).',
    access: 'user',
    response: z.array(z.object({ id: z.string(), name: z.string(), scope: z.string(), expiresAt: z.string(), revoked: z.boolean() })),
    handler: async ({ db, user }) =>
      (await db.select().from(apiTokens).where(eq(apiTokens.userId, user!.id)).orderBy(desc(apiTokens.createdAt))).map((t) => ({ id: t.id, name: t.name, scope: t.scope, expiresAt: t.expiresAt.toISOString(), revoked: t.revoked })),
  }),
  route({
    method: 'DELETE',
    url: '/api/tokens/:tokenId',
    summary: 'Revoke one of the signed-in user’s API tokens.',
    access: 'user',
    params: z.object({ tokenId: Id }),
    response: Ok,
    handler: async ({ db, user, params, audit }) => {
      const done = await db.update(apiTokens).set({ revoked: true }).where(and(eq(apiTokens.id, params.tokenId), eq(apiTokens.userId, user!.id))).returning({ id: apiTokens.id });
      if (!done.length) throw new HttpError(404, 'no-token', 'You have no API token with that id.');
      await audit('token.revoke', { target: params.tokenId });
      return { ok: true as const };
    },
  }),
];
