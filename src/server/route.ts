import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from './db/connect';
import type { Permission, Role } from './permissions';

/** A refusal with the status, a stable code, and what to do about it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface User {
  id: string;
  name: string;
  admin: boolean;
}

export interface Project {
  id: string;
  name: string;
  visibility: 'private' | 'internal';
}

/** How the request proved who it is: a browser session (cookie + CSRF token) or an API token. */
export type Credential = { kind: 'session'; tokenHash: string } | { kind: 'token'; id: string; scope: 'read' | 'write' };

export interface Audit {
  (action: string, entry: { target?: string; outcome?: string; detail?: unknown; projectId?: string | null }): Promise<void>;
}

export interface Context<P, B, Q> {
  db: Db;
  params: P;
  body: B;
  query: Q;
  /** The signed-in user (null only on open routes). */
  user: User | null;
  credential: Credential | null;
  /** For project routes: the project and the user's role in it (null: not a member). */
  project: Project | null;
  role: Role | null;
  audit: Audit;
  request: FastifyRequest;
  reply: FastifyReply;
  /** The success status to answer with; the route's `status` unless the handler changes it. */
  status: number;
}

/**
 * Who may call a route: anyone (`open`), any signed-in user (`user`), an administrator (`admin`), or a
 * project permission, checked against the project named by the `projectId` path parameter.
 */
export type Access = 'open' | 'user' | 'admin' | Permission;

export interface RouteDef<P = unknown, B = unknown, Q = unknown, R = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  access: Access;
  params?: z.ZodType<P>;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  response: z.ZodType<R>;
  /** Status on success (default 200). */
  status?: number;
  /** The body is raw bytes (application/octet-stream: an upload chunk), not JSON. */
  binaryBody?: boolean;
  /** Answers with something other than JSON (a CSV export): the handler writes the reply itself. */
  raw?: boolean;
  handler(ctx: Context<P, B, Q>): Promise<R>;
}

/** Declares a route with its types inferred from its schemas. */
export const route = <P, B, Q, R>(def: RouteDef<P, B, Q, R>): RouteDef => def as unknown as RouteDef;
