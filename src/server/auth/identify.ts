import { and, eq, gt } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connect';
import { apiTokens, sessions, users } from '../db/schema';
import { HttpError, type Credential, type User } from '../route';
import { sameSecret, secretHash } from './secrets';

export const SESSION_COOKIE = 'jimu_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who sent the request: the session cookie (with the CSRF token on every change), or an API token
 * (`Authorization: Bearer jimu_…`; read-scoped tokens only read). Null when neither is present; a
 * credential that is present but expired, revoked or belonging to a disabled user is refused (401).
 */
export async function identify(db: Db, request: FastifyRequest, cookie: string | undefined): Promise<{ user: User; credential: Credential } | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer (jimu_[A-Za-z0-9_-]{10,200})$/.exec(header);
    if (!m) throw new HttpError(401, 'bad-token', 'The Authorization header is not a Jimu API token.', 'Sign in again with `jimu login URL`, or send "Authorization: Bearer jimu_…".');
    const [row] = await db
      .select({ id: apiTokens.id, scope: apiTokens.scope, user: { id: users.id, name: users.name, admin: users.admin, disabled: users.disabled } })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, secretHash(m[1]!)), eq(apiTokens.revoked, false), gt(apiTokens.expiresAt, new Date())));
    if (!row || row.user.disabled) throw new HttpError(401, 'token-refused', 'This API token is unknown, expired, revoked, or its user is disabled.', 'Sign in again with `jimu login URL`.');
    const scope = row.scope === 'write' ? 'write' : 'read';
    if (scope === 'read' && UNSAFE.has(request.method)) throw new HttpError(403, 'read-only-token', 'This API token may only read.', 'Create a token with the write scope for changes.');
    return { user: { id: row.user.id, name: row.user.name, admin: row.user.admin }, credential: { kind: 'token', id: row.id, scope } };
  }
  if (!cookie) return null;
  const tokenHash = secretHash(cookie);
  const [row] = await db
    .select({ csrf: sessions.csrfToken, user: { id: users.id, name: users.name, admin: users.admin, disabled: users.disabled } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), eq(sessions.revoked, false), gt(sessions.expiresAt, new Date())));
  if (!row || row.user.disabled) throw new HttpError(401, 'session-ended', 'Your session has ended or was revoked.', 'Sign in again.');
  if (UNSAFE.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, row.csrf)) throw new HttpError(403, 'csrf', 'The request did not carry this session’s CSRF token.', 'Reload the page and try again.');
  }
  return { user: { id: row.user.id, name: row.user.name, admin: row.user.admin }, credential: { kind: 'session', tokenHash } };
}
