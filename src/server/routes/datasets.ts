import { readFile } from 'node:fs/promises';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { looksLikeDicom, parseDicom, type DicomFile } from '../../data/dicom/parse';
import { checkDeidentified } from '../../data/deid/check';
import { DEID_METHOD } from '../../data/deid/deidentify';
import { newId } from '../auth/secrets';
import { sha256File, type BlobStore } from '../blobs/store';
import { readHead } from '../file-bytes';
import type { Db } from '../db/connect';
import { datasetVersions, projects, uploadSessions, users } from '../db/schema';
import { DatasetName, DatasetPath, isDicom, kindOf, Sha256 } from '../datasets/paths';
import { serial, UploadFiles, type Declared } from '../datasets/upload-files';
import { HttpError, route, type Context } from '../route';
import { Id, Ok, ProjectParams } from './common';

const MAX_FILES = 100_000;
const MAX_FILE = 2 ** 45;
const Declared = z.object({ path: DatasetPath, size: z.number().int().min(0).max(MAX_FILE), sha256: Sha256 });
const UploadParams = z.object({ projectId: Id, uploadId: Id });
const NameParams = z.object({ projectId: Id, name: DatasetName });
const VersionParams = NameParams.extend({ number: z.coerce.number().int().min(1).max(1_000_000_000) });

const FileState = z.object({ path: z.string(), size: z.number(), sha256: z.string(), received: z.number() });
const UploadOut = z.object({ id: z.string(), dataset: z.string(), state: z.enum(['open', 'complete']), bytes: z.number(), received: z.number(), chunkBytes: z.number(), files: z.array(FileState), version: z.number().nullable() });
const ManifestFile = z.object({ path: z.string(), size: z.number(), sha256: z.string(), kind: z.string() });
const Stats = z.object({ files: z.number(), bytes: z.number(), kinds: z.record(z.string(), z.number()) });
const DeidFile = z.object({ path: z.string(), checked: z.boolean(), method: z.string().nullable(), patientIdentityRemoved: z.boolean(), warnings: z.array(z.string()) });
const Deid = z.object({ profile: z.string(), checkedAt: z.string(), files: z.array(DeidFile) });
const VersionOut = z.object({ name: z.string(), number: z.number(), author: z.string(), bytes: z.number(), stats: Stats, createdAt: z.string() });
const VersionFull = VersionOut.extend({ manifest: z.object({ files: z.array(ManifestFile) }), deid: Deid });

type Manifest = z.infer<typeof VersionFull>['manifest'];

const jimu = (ctx: { request: Context<unknown, unknown, unknown>['request'] }) => ctx.request.server.jimu;
const gib = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(2)} GiB` : n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(1)} MiB` : `${n} bytes`);

/** Bytes the project holds or has promised: its dataset versions and its open uploads (but `except`). */
async function usage(db: Db, projectId: string, except?: string): Promise<number> {
  const [v] = await db.select({ n: sql<string>`coalesce(sum(${datasetVersions.bytes}), 0)` }).from(datasetVersions).where(eq(datasetVersions.projectId, projectId));
  const [u] = await db.select({ n: sql<string>`coalesce(sum(${uploadSessions.bytes}), 0)` }).from(uploadSessions).where(and(eq(uploadSessions.projectId, projectId), eq(uploadSessions.state, 'open'), except ? sql`${uploadSessions.id} <> ${except}` : undefined));
  return Number(v?.n ?? 0) + Number(u?.n ?? 0);
}

async function quotaOf(db: Db, projectId: string, fallback: number): Promise<number> {
  const [p] = await db.select({ q: projects.quotaBytes }).from(projects).where(eq(projects.id, projectId));
  return p?.q ?? fallback;
}

function overQuota(used: number, adding: number, quota: number): HttpError {
  return new HttpError(413, 'quota', `This upload needs ${gib(adding)}, but the project already holds ${gib(used)} of its ${gib(quota)} quota (${gib(Math.max(0, quota - used))} left).`, 'Delete a dataset the project no longer needs, or ask an administrator to raise the quota (PUT /api/admin/projects/ID/quota).');
}

async function session(db: Db, projectId: string, uploadId: string) {
  const [s] = await db.select().from(uploadSessions).where(and(eq(uploadSessions.id, uploadId), eq(uploadSessions.projectId, projectId)));
  if (!s) throw new HttpError(404, 'no-upload', 'There is no such upload in this project (it may have been abandoned, or removed after too long without a chunk).', 'Start a new upload.');
  return s;
}

async function uploadOut(ctx: Context<unknown, unknown, unknown>, s: typeof uploadSessions.$inferSelect) {
  const files = s.files as Declared[];
  const { dataDir, blobs, bodyLimit } = jimu(ctx);
  const received = s.state === 'complete' ? files.map((f) => f.size) : await UploadFiles.for(dataDir, s.id, blobs).received(files);
  const [v] = s.versionId ? await ctx.db.select({ n: datasetVersions.number }).from(datasetVersions).where(eq(datasetVersions.id, s.versionId)) : [];
  return {
    id: s.id,
    dataset: s.dataset,
    state: s.state === 'complete' ? ('complete' as const) : ('open' as const),
    bytes: s.bytes,
    received: received.reduce((a, b) => a + b, 0),
    chunkBytes: Math.max(1024, bodyLimit - 4096),
    files: files.map((f, i) => ({ ...f, received: received[i]! })),
    version: v?.n ?? null,
  };
}

const versionOut = (v: typeof datasetVersions.$inferSelect, author: string) => ({ name: v.name, number: v.number, author, bytes: v.bytes, stats: v.stats as z.infer<typeof Stats>, createdAt: v.createdAt.toISOString() });

async function version(db: Db, projectId: string, name: string, number: number) {
  const [row] = await db.select({ v: datasetVersions, author: users.name }).from(datasetVersions).innerJoin(users, eq(users.id, datasetVersions.authorId)).where(and(eq(datasetVersions.projectId, projectId), eq(datasetVersions.name, name), eq(datasetVersions.number, number)));
  if (!row) throw new HttpError(404, 'no-dataset-version', `Dataset "${name}" has no version ${number} in this project.`, 'List the versions with GET …/datasets/NAME/versions.');
  return row;
}

export const DATASET_ROUTES = [
  route({
    method: 'GET',
    url: '/api/projects/:projectId/datasets',
    summary: 'The project’s datasets, each with its latest version, and the bytes the project holds against its quota.',
    access: 'project:read',
    params: ProjectParams,
    response: z.object({ datasets: z.array(VersionOut.extend({ versions: z.number() })), usage: z.object({ bytes: z.number(), quota: z.number() }) }),
    handler: async (ctx) => {
      const { db, project } = ctx;
      const rows = await db.select({ v: datasetVersions, author: users.name }).from(datasetVersions).innerJoin(users, eq(users.id, datasetVersions.authorId)).where(eq(datasetVersions.projectId, project!.id)).orderBy(datasetVersions.name, desc(datasetVersions.number));
      const latest = new Map<string, ReturnType<typeof versionOut> & { versions: number }>();
      for (const r of rows) {
        const seen = latest.get(r.v.name);
        if (seen) seen.versions++;
        else latest.set(r.v.name, { ...versionOut(r.v, r.author), versions: 1 });
      }
      return { datasets: [...latest.values()], usage: { bytes: await usage(db, project!.id), quota: await quotaOf(db, project!.id, jimu(ctx).defaultQuotaBytes) } };
    },
  }),
  route({
    method: 'GET',
    url: '/api/projects/:projectId/datasets/:name/versions',
    summary: 'Every version of a dataset, newest first.',
    access: 'project:read',
    params: NameParams,
    response: z.array(VersionOut),
    handler: async ({ db, project, params }) =>
      (await db.select({ v: datasetVersions, author: users.name }).from(datasetVersions).innerJoin(users, eq(users.id, datasetVersions.authorId)).where(and(eq(datasetVersions.projectId, project!.id), eq(datasetVersions.name, params.name))).orderBy(desc(datasetVersions.number))).map((r) => versionOut(r.v, r.author)),
  }),
  route({
    method: 'GET',
    url: '/api/projects/:projectId/datasets/:name/versions/:number',
    summary: 'One dataset version: its manifest (files, sizes, sha-256), statistics and de-identification record.',
    access: 'project:read',
    params: VersionParams,
    response: VersionFull,
    handler: async ({ db, project, params, audit }) => {
      const r = await version(db, project!.id, params.name, params.number);
      await audit('dataset.read', { target: `${params.name} v${params.number}` });
      return { ...versionOut(r.v, r.author), manifest: r.v.manifest as Manifest, deid: r.v.deid as z.infer<typeof Deid> };
    },
  }),
  route({
    method: 'GET',
    url: '/api/projects/:projectId/datasets/:name/versions/:number/file',
    summary: 'Download one file of a dataset version (?path=…); recorded in the audit log.',
    access: 'project:read',
    params: VersionParams,
    query: z.object({ path: DatasetPath }),
    response: z.unknown(),
    raw: true,
    handler: async (ctx) => {
      const { db, project, params, query, audit, reply } = ctx;
      const r = await version(db, project!.id, params.name, params.number);
      const f = (r.v.manifest as Manifest).files.find((x) => x.path === query.path);
      if (!f) throw new HttpError(404, 'no-file', `Version ${params.number} of "${params.name}" has no file "${query.path}".`, 'Read the version’s manifest for its paths.');
      const stream = await jimu(ctx).blobs.read(f.sha256);
      await audit('dataset.download', { target: `${params.name} v${params.number}: ${f.path}`, detail: { sha256: f.sha256, size: f.size } });
      const base = (f.path.split('/').pop() ?? 'file').replace(/[^A-Za-z0-9._-]/g, '_');
      reply.header('content-type', 'application/octet-stream').header('content-length', String(f.size)).header('content-disposition', `attachment; filename="${base}"`).header('x-content-sha256', f.sha256);
      return reply.send(stream);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/projects/:projectId/datasets/:name',
    summary: 'Delete a dataset and all its versions (its files go when no other version holds them).',
    access: 'project:manage',
    params: NameParams,
    response: Ok.extend({ versions: z.number() }),
    handler: async (ctx) => {
      const { db, project, params, audit } = ctx;
      const gone = await serial('blobs', async () => {
        const rows = await db.delete(datasetVersions).where(and(eq(datasetVersions.projectId, project!.id), eq(datasetVersions.name, params.name))).returning();
        // A file goes when no version, of any project, holds it any more (blobs are shared by hash).
        for (const h of new Set(rows.flatMap((v) => (v.manifest as Manifest).files.map((f) => f.sha256)))) {
          const [still] = await db.select({ id: datasetVersions.id }).from(datasetVersions).where(sql`${datasetVersions.manifest} @> ${JSON.stringify({ files: [{ sha256: h }] })}::jsonb`).limit(1);
          if (!still) await jimu(ctx).blobs.delete(h);
        }
        return rows;
      });
      if (!gone.length) throw new HttpError(404, 'no-dataset', `This project has no dataset "${params.name}".`);
      await audit('dataset.delete', { target: params.name, detail: { versions: gone.map((v) => v.number) } });
      return { ok: true as const, versions: gone.length };
    },
  }),
  route({
    method: 'POST',
    url: '/api/projects/:projectId/uploads',
    summary: 'Start a chunked, resumable upload of a new dataset version: its name and every file’s path, size and sha-256.',
    access: 'project:write',
    params: ProjectParams,
    body: z.object({ dataset: DatasetName, files: z.array(Declared).min(1).max(MAX_FILES) }),
    response: UploadOut,
    status: 201,
    handler: async (ctx) => {
      const { db, project, body, user, audit } = ctx;
      const seen = new Set<string>();
      for (const f of body.files) {
        if (seen.has(f.path)) throw new HttpError(400, 'duplicate-path', `"${f.path}" is declared twice.`, 'List each file once.');
        seen.add(f.path);
      }
      const bytes = body.files.reduce((a, f) => a + f.size, 0);
      const id = newId();
      const quota = await quotaOf(db, project!.id, jimu(ctx).defaultQuotaBytes);
      const row = await db.transaction(async (tx) => {
        // One reservation at a time per project: two uploads cannot both take the last of the quota.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`quota/${project!.id}`}))`);
        const used = await usage(tx as unknown as Db, project!.id);
        if (used + bytes > quota) throw overQuota(used, bytes, quota);
        const [r] = await tx.insert(uploadSessions).values({ id, projectId: project!.id, dataset: body.dataset, userId: user!.id, files: body.files, bytes, state: 'open' }).returning();
        return r!;
      });
      await audit('upload.start', { target: body.dataset, detail: { upload: id, files: body.files.length, bytes } });
      return uploadOut(ctx as never, row);
    },
  }),
  route({
    method: 'GET',
    url: '/api/projects/:projectId/uploads/:uploadId',
    summary: 'An upload: how many bytes of each file have arrived (to resume after a dropped link or a restart).',
    access: 'project:write',
    params: UploadParams,
    response: UploadOut,
    handler: async (ctx) => uploadOut(ctx as never, await session(ctx.db, ctx.project!.id, ctx.params.uploadId)),
  }),
  route({
    method: 'PUT',
    url: '/api/projects/:projectId/uploads/:uploadId/files/:index',
    summary: 'Write a chunk (application/octet-stream) of file `index` at byte `offset`; resending a chunk is harmless.',
    access: 'project:write',
    params: UploadParams.extend({ index: z.coerce.number().int().min(0).max(MAX_FILES) }),
    query: z.object({ offset: z.coerce.number().int().min(0).max(MAX_FILE) }),
    body: z.instanceof(Uint8Array, { message: 'send the chunk as application/octet-stream' }),
    binaryBody: true,
    response: z.object({ path: z.string(), received: z.number(), size: z.number() }),
    handler: async (ctx) => {
      const { db, project, params, query, body } = ctx;
      const s = await session(db, project!.id, params.uploadId);
      if (s.state !== 'open') throw new HttpError(409, 'upload-complete', 'This upload is complete; its files can no longer change.', 'Start a new upload for a new version.');
      const files = s.files as Declared[];
      const f = files[params.index];
      if (!f) throw new HttpError(404, 'no-file', `This upload declared ${files.length} files; there is no file ${params.index}.`);
      const { dataDir, blobs, defaultQuotaBytes } = jimu(ctx);
      const quota = await quotaOf(db, project!.id, defaultQuotaBytes);
      const used = await usage(db, project!.id, s.id);
      if (used + s.bytes > quota) throw overQuota(used, s.bytes, quota);
      await db.update(uploadSessions).set({ touchedAt: sql`now()` }).where(eq(uploadSessions.id, s.id));
      const received = await UploadFiles.for(dataDir, s.id, blobs).write(params.index, f, query.offset, body);
      return { path: f.path, received, size: f.size };
    },
  }),
  route({
    method: 'POST',
    url: '/api/projects/:projectId/uploads/:uploadId/complete',
    summary: 'Finish an upload: every hash is checked and every DICOM file checked for identifying attributes; only then does it become the dataset’s next immutable version.',
    access: 'project:write',
    params: UploadParams,
    response: UploadOut,
    handler: async (ctx) => serial(`complete/${ctx.params.uploadId}`, () => complete(ctx as never)),
  }),
  route({
    method: 'DELETE',
    url: '/api/projects/:projectId/uploads/:uploadId',
    summary: 'Abandon an open upload: its bytes are removed and its quota freed.',
    access: 'project:write',
    params: UploadParams,
    response: Ok,
    handler: async (ctx) => {
      const { db, project, params, audit } = ctx;
      const s = await session(db, project!.id, params.uploadId);
      if (s.state !== 'open') throw new HttpError(409, 'upload-complete', 'This upload is complete and became a dataset version; it cannot be abandoned.', 'An owner may delete the dataset.');
      await db.delete(uploadSessions).where(eq(uploadSessions.id, s.id));
      await UploadFiles.for(jimu(ctx).dataDir, s.id, jimu(ctx).blobs).remove();
      await audit('upload.abandon', { target: s.dataset, detail: { upload: s.id } });
      return { ok: true as const };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/admin/projects/:projectId/quota',
    summary: 'Set the dataset bytes a project may hold (null: the server’s default).',
    access: 'admin',
    params: ProjectParams,
    body: z.object({ bytes: z.number().int().min(0).max(2 ** 53 - 1).nullable() }),
    response: z.object({ quota: z.number(), used: z.number() }),
    handler: async (ctx) => {
      const { db, params, body, audit } = ctx;
      const [p] = await db.update(projects).set({ quotaBytes: body.bytes }).where(and(eq(projects.id, params.projectId), eq(projects.deleted, false))).returning();
      if (!p) throw new HttpError(404, 'no-project', 'There is no such project.');
      await audit('project.quota', { projectId: p.id, target: p.name, detail: { bytes: body.bytes } });
      return { quota: await quotaOf(db, p.id, jimu(ctx).defaultQuotaBytes), used: await usage(db, p.id) };
    },
  }),
];

async function complete(ctx: Context<z.infer<typeof UploadParams>, unknown, unknown>) {
  const { db, project, params, audit } = ctx;
  const s = await session(db, project!.id, params.uploadId);
  if (s.state === 'complete') return uploadOut(ctx as never, s);
  // A completion under way is activity: the expiry never removes an upload while it becomes a version.
  await db.update(uploadSessions).set({ touchedAt: sql`now()` }).where(eq(uploadSessions.id, s.id));
  const files = s.files as Declared[];
  const { dataDir, blobs } = jimu(ctx);
  const up = UploadFiles.for(dataDir, s.id, blobs);
  const received = await up.received(files);
  const missing = files.filter((f, i) => received[i]! < f.size);
  if (missing.length) throw new HttpError(409, 'incomplete', `${missing.length} of ${files.length} files have not fully arrived: ${missing.slice(0, 5).map((f) => `"${f.path}"`).join(', ')}${missing.length > 5 ? ' …' : ''}.`, 'GET the upload to see what has arrived, send the rest, then complete it.');
  const manifest: Manifest['files'] = [];
  const deid: z.infer<typeof DeidFile>[] = [];
  const refused: string[] = [];
  for (const [i, f] of files.entries()) {
    const stored = await up.isStored(i, f);
    if (!stored) {
      const actual = await sha256File(up.part(i));
      if (actual !== f.sha256) {
        await up.discard(i);
        await audit('upload.refused', { target: `${s.dataset}: ${f.path}`, outcome: 'refused', detail: { reason: 'hash-mismatch' } });
        throw new HttpError(422, 'hash-mismatch', `"${f.path}" arrived with sha-256 ${actual}, not the declared ${f.sha256}; its bytes were discarded.`, 'Send that file again from byte 0, then complete the upload.');
      }
    }
    const load = () => (stored ? readBlob(blobs, f.sha256) : readFile(up.part(i)).then((b) => new Uint8Array(b)));
    const head = stored ? (await load()).subarray(0, 132) : await readHead(up.part(i));
    // DICOM by name or magic must read as DICOM; a file that only starts like DICOM without a preamble
    // (group 0002 or 0008 first) is checked when it reads as DICOM, and is just a file otherwise.
    const strong = isDicom(f.path, head);
    let file: DicomFile | null = null;
    if (strong || looksLikeDicom(head)) {
      try {
        file = parseDicom(await load());
      } catch (e) {
        if (strong) refused.push(`"${f.path}" cannot be read as DICOM (${(e as Error).message})`);
      }
    }
    manifest.push({ ...f, kind: file ? 'dicom' : kindOf(f.path, head) });
    if (!file) {
      if (!strong) deid.push({ path: f.path, checked: false, method: null, patientIdentityRemoved: false, warnings: [] });
      continue;
    }
    const check = checkDeidentified(file);
    if (check.identifying.length) {
      // The patient's own attributes first (what a reader looks for), private ones counted at the end.
      const pub = check.identifying.filter((x) => !x.name.startsWith('private'));
      const rank = (t: string) => (t.startsWith('(0010,') ? 0 : 1);
      const names = [...new Set(pub.sort((a, b) => rank(a.tag) - rank(b.tag)).map((x) => x.name))];
      const privates = check.identifying.length - pub.length;
      if (privates) names.push(`${privates} private attribute${privates === 1 ? '' : 's'}`);
      refused.push(`"${f.path}" still carries identifying attributes: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ` and ${names.length - 12} more` : ''}`);
      continue;
    }
    deid.push({ path: f.path, checked: true, method: check.method, patientIdentityRemoved: check.patientIdentityRemoved, warnings: check.warnings });
  }
  if (refused.length) {
    await audit('upload.refused', { target: s.dataset, outcome: 'refused', detail: { reason: 'identifying', files: refused.slice(0, 50) } });
    throw new HttpError(422, 'identifying', `The upload was refused: ${refused.slice(0, 3).join('; ')}${refused.length > 3 ? `; and ${refused.length - 3} more files` : ''}.`, 'De-identify the files first (`jimu deid IN OUT`, or `jimu push`, which de-identifies DICOM before it uploads), then upload them in a new upload (DELETE this one to free the space it holds).');
  }
  // Storing the files and recording the version happen together with respect to a dataset's deletion,
  // which removes blobs no version holds: a blob adopted here is never removed before its version exists.
  return serial('blobs', () => record(ctx, s, up, manifest, deid));
}

async function record(ctx: Context<z.infer<typeof UploadParams>, unknown, unknown>, s: typeof uploadSessions.$inferSelect, up: UploadFiles, manifest: Manifest['files'], deid: z.infer<typeof DeidFile>[]) {
  const { db, project, audit, user } = ctx;
  const files = s.files as Declared[];
  for (const [i, f] of files.entries()) await up.store(i, f);
  const kinds: Record<string, number> = {};
  for (const f of manifest) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
  const stats = { files: files.length, bytes: s.bytes, kinds };
  const record = { profile: DEID_METHOD, checkedAt: new Date().toISOString(), files: deid };
  const made = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`dataset/${project!.id}/${s.dataset}`}))`);
    const [again] = await tx.select({ state: uploadSessions.state }).from(uploadSessions).where(eq(uploadSessions.id, s.id)).for('update');
    if (again?.state !== 'open') return null;
    const [last] = await tx.select({ n: datasetVersions.number }).from(datasetVersions).where(and(eq(datasetVersions.projectId, project!.id), eq(datasetVersions.name, s.dataset))).orderBy(desc(datasetVersions.number)).limit(1);
    const id = newId();
    const number = (last?.n ?? 0) + 1;
    await tx.insert(datasetVersions).values({ id, projectId: project!.id, name: s.dataset, number, authorId: user!.id, bytes: s.bytes, manifest: { files: manifest }, stats, deid: record });
    await tx.update(uploadSessions).set({ state: 'complete', versionId: id }).where(eq(uploadSessions.id, s.id));
    return number;
  });
  await up.remove();
  if (made !== null) await audit('dataset.version', { target: `${s.dataset} v${made}`, detail: { upload: s.id, files: files.length, bytes: s.bytes, dicomChecked: deid.filter((d) => d.checked).length } });
  return uploadOut(ctx as never, await session(db, project!.id, s.id));
}


async function readBlob(blobs: BlobStore, id: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of await blobs.read(id)) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
