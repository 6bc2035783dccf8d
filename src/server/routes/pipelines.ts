import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { diffPipelines, formatDiagnostic, parseDocument, type PipelineDocument } from '../../core';
import { newId } from '../auth/secrets';
import type { Db } from '../db/connect';
import { pipelineVersions, users } from '../db/schema';
import { HttpError, route } from '../route';
import { Id } from './common';

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const PipelineName = z.string().trim().min(1).max(120).regex(/^[^/\\\u0000-\u001f]+$/, 'may not hold slashes or control characters');
const Params = z.object({ projectId: Id, name: PipelineName });
const VersionOut = z.object({ id: z.string(), name: z.string(), number: z.number(), message: z.string(), author: z.string(), hash: z.string(), createdAt: z.string() });
const WithDocument = VersionOut.extend({ document: z.unknown() });

/** The document's text with keys in a fixed order, so one pipeline always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function checked(document: unknown): PipelineDocument {
  const r = parseDocument(document);
  if (!r.document) throw new HttpError(400, 'invalid-pipeline', `The pipeline cannot be read: ${r.diagnostics.map((d) => formatDiagnostic(d)).join(' ')}`, 'Save it from the Jimu app, or check it with `jimu validate`.');
  return r.document;
}

const out = (v: typeof pipelineVersions.$inferSelect, author: string) => ({ id: v.id, name: v.name, number: v.number, message: v.message, author, hash: v.hash, createdAt: v.createdAt.toISOString() });

async function version(db: Db, projectId: string, name: string, number: number) {
  const [row] = await db.select({ v: pipelineVersions, author: users.name }).from(pipelineVersions).innerJoin(users, eq(users.id, pipelineVersions.authorId)).where(and(eq(pipelineVersions.projectId, projectId), eq(pipelineVersions.name, name), eq(pipelineVersions.number, number)));
  if (!row) throw new HttpError(404, 'no-version', `Pipeline "${name}" has no version ${number} in this project.`);
  return row;
}

export const PIPELINE_ROUTES = [
  route({
    method: 'GET',
    url: '/api/projects/:projectId/pipelines',
    summary: 'The project’s pipelines, each with its latest version.',
    access: 'project:read',
    params: z.object({ projectId: Id }),
    response: z.array(VersionOut),
    handler: async ({ db, project }) => {
      const latest = db.select({ name: pipelineVersions.name, number: sql<number>`max(${pipelineVersions.number})`.as('latest') }).from(pipelineVersions).where(eq(pipelineVersions.projectId, project!.id)).groupBy(pipelineVersions.name).as('latest');
      const rows = await db
        .select({ v: pipelineVersions, author: users.name })
        .from(pipelineVersions)
        .innerJoin(latest, and(eq(latest.name, pipelineVersions.name), eq(latest.number, pipelineVersions.number)))
        .innerJoin(users, eq(users.id, pipelineVersions.authorId))
        .where(eq(pipelineVersions.projectId, project!.id))
        .orderBy(asc(pipelineVersions.name));
      return rows.map((r) => out(r.v, r.author));
    },
  }),
  route({
    method: 'POST',
    url: '/api/projects/:projectId/pipelines/:name/versions',
    summary: 'Save a new, immutable version of a pipeline (a document identical to the latest is not saved twice).',
    access: 'project:write',
    params: Params,
    // basedOn: the version the document was opened from or last saved as (null: not from this pipeline).
    // Given, the save is refused with 409 when a newer version exists, checked under the pipeline's lock, so
    // two editors saving at once never overwrite each other unseen. Left out, the save is unconditional.
    body: z.object({ message: z.string().trim().max(2000).default(''), document: z.unknown(), basedOn: z.number().int().min(0).max(1_000_000_000).nullable().optional() }),
    response: VersionOut.extend({ created: z.boolean() }),
    status: 201,
    handler: async (ctx) => {
      const { db, project, params, body, user, audit } = ctx;
      const document = checked(body.document);
      const hash = createHash('sha256').update(canonical(document)).digest('hex');
      const saved = await db.transaction(async (tx) => {
        // One writer per pipeline at a time: version numbers never collide.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${project!.id}/${params.name}`}))`);
        const [last] = await tx.select().from(pipelineVersions).where(and(eq(pipelineVersions.projectId, project!.id), eq(pipelineVersions.name, params.name))).orderBy(desc(pipelineVersions.number)).limit(1);
        if (last && last.hash === hash) return { row: last, created: false };
        if (last && body.basedOn !== undefined && (body.basedOn === null || last.number > body.basedOn)) {
          throw new HttpError(409, 'newer-version', `Pipeline "${params.name}" has a newer version (${last.number}) than the one this document is based on (${body.basedOn ?? 'none'}); nothing was saved.`, 'Open the newer version and see what changed, or save without basedOn to save anyway.');
        }
        const [row] = await tx.insert(pipelineVersions).values({ id: newId(), projectId: project!.id, name: params.name, number: (last?.number ?? 0) + 1, message: body.message, authorId: user!.id, hash, document }).returning();
        return { row: row!, created: true };
      });
      if (!saved.created) ctx.status = 200;
      else await audit('pipeline.save', { target: `${params.name} v${saved.row.number}`, detail: { hash } });
      const [author] = await db.select({ name: users.name }).from(users).where(eq(users.id, saved.row.authorId));
      return { ...out(saved.row, author?.name ?? ''), created: saved.created };
    },
  }),
  route({
    method: 'GET',
    url: '/api/projects/:projectId/pipelines/:name/versions',
    summary: 'Every version of a pipeline, newest first.',
    access: 'project:read',
    params: Params,
    response: z.array(VersionOut),
    handler: async ({ db, project, params }) =>
      (await db.select({ v: pipelineVersions, author: users.name }).from(pipelineVersions).innerJoin(users, eq(users.id, pipelineVersions.authorId)).where(and(eq(pipelineVersions.projectId, project!.id), eq(pipelineVersions.name, params.name))).orderBy(desc(pipelineVersions.number))).map((r) => out(r.v, r.author)),
  }),
  route({
    method: 'GET',
    url: '/api/projects/:projectId/pipelines/:name/versions/:number',
    summary: 'One version of a pipeline, with its document.',
    access: 'project:read',
    params: Params.extend({ number: z.coerce.number().int().min(1).max(1_000_000_000) }),
    response: WithDocument,
    handler: async ({ db, project, params, audit }) => {
      const r = await version(db, project!.id, params.name, params.number);
      await audit('pipeline.read', { target: `${params.name} v${params.number}` });
      return { ...out(r.v, r.author), document: r.v.document };
    },
  }),
  route({
    method: 'GET',
    url: '/api/projects/:projectId/pipelines/:name/diff',
    summary: 'What changed between two versions: blocks and parameters added, removed or changed, and links.',
    access: 'project:read',
    params: Params,
    query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
    response: z.object({ from: z.number(), to: z.number(), blocks: z.array(z.unknown()), links: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }), fields: z.array(z.string()) }),
    handler: async ({ db, project, params, query }) => {
      const [a, b] = await Promise.all([version(db, project!.id, params.name, query.from), version(db, project!.id, params.name, query.to)]);
      return { from: query.from, to: query.to, ...diffPipelines(checked(a.v.document), checked(b.v.document)) };
    },
  }),
];
