import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, users } from '../db/schema';
import { route, type Context } from '../route';
import { ProjectParams } from './common';

const Entry = z.object({ id: z.number(), at: z.string(), user: z.string().nullable(), action: z.string(), target: z.string().nullable(), outcome: z.string(), ip: z.string().nullable(), detail: z.unknown() });
const Query = z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200), format: z.enum(['json', 'csv']).default('json') });

/** A CSV cell: quoted, and never starting with a character a spreadsheet would run as a formula. */
const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
};

async function entries(ctx: Context<unknown, unknown, z.output<typeof Query>>, where: SQL | undefined) {
  const q = ctx.query;
  const rows = await ctx.db
    .select({ e: auditLog, user: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(where, q.before ? lt(auditLog.id, q.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
  const list = rows.map((r) => ({ id: r.e.id, at: r.e.at.toISOString(), user: r.user, action: r.e.action, target: r.e.target, outcome: r.e.outcome, ip: r.e.ip, detail: r.e.detail }));
  if (q.format === 'csv') {
    const head = 'id,at,user,action,target,outcome,ip,detail';
    ctx.reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-log.csv"');
    ctx.reply.send([head, ...list.map((e) => [e.id, e.at, e.user, e.action, e.target, e.outcome, e.ip, e.detail].map(cell).join(','))].join('\n') + '\n');
  }
  return list;
}

export const AUDIT_ROUTES = [
  route({
    method: 'GET',
    url: '/api/projects/:projectId/audit',
    summary: 'The project’s audit log, newest first (JSON, or CSV with format=csv); append-only.',
    access: 'project:manage',
    params: ProjectParams,
    query: Query,
    response: z.array(Entry),
    handler: async (ctx) => entries(ctx as never, eq(auditLog.projectId, ctx.project!.id)),
  }),
  route({
    method: 'GET',
    url: '/api/admin/audit',
    summary: 'The whole server’s audit log, newest first (JSON, or CSV with format=csv).',
    access: 'admin',
    query: Query,
    response: z.array(Entry),
    handler: async (ctx) => entries(ctx as never, undefined),
  }),
];
