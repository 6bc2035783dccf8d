import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The team server's tables. The SQL that creates them is in `migrations.ts` (run in code at start-up);
 * these declarations are what the queries are typed against, and a test checks the two agree.
 */

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  admin: boolean('admin').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_name').on(t.name)]);

export const sessions = pgTable('sessions', {
  /** sha-256 of the cookie's secret: a stolen database gives no usable session. */
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revoked: boolean('revoked').notNull().default(false),
}, (t) => [index('sessions_user').on(t.userId)]);

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  userId: text('user_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  /** `read` (GET only) or `write` (everything the user's roles allow). */
  scope: text('scope').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revoked: boolean('revoked').notNull().default(false),
}, (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash)]);

export const projects = pgTable('projects', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** `private`: members only; `internal`: every signed-in user may read. */
  visibility: text('visibility').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  deleted: boolean('deleted').notNull().default(false),
  /** Bytes of datasets (versions and open uploads) the project may hold; null: the server's default. */
  quotaBytes: bigint('quota_bytes', { mode: 'number' }),
});

export const memberships = pgTable('memberships', {
  projectId: text('project_id').notNull().references(() => projects.id),
  userId: text('user_id').notNull().references(() => users.id),
  role: text('role').notNull(),
}, (t) => [primaryKey({ columns: [t.projectId, t.userId] })]);

export const pipelineVersions = pgTable('pipeline_versions', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull().references(() => projects.id),
  name: text('name').notNull(),
  /** 1, 2, 3 … per (project, name). */
  number: integer('number').notNull(),
  message: text('message').notNull(),
  authorId: text('author_id').notNull().references(() => users.id),
  /** sha-256 of the canonical document text. */
  hash: text('hash').notNull(),
  document: jsonb('document').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('pipeline_versions_number').on(t.projectId, t.name, t.number)]);

/** An immutable dataset version: what a completed upload became. */
export const datasetVersions = pgTable('dataset_versions', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull().references(() => projects.id),
  name: text('name').notNull(),
  /** 1, 2, 3 … per (project, name). */
  number: integer('number').notNull(),
  authorId: text('author_id').notNull().references(() => users.id),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  /** `{ files: [{ path, size, sha256, kind }] }`; the bytes are blobs named by sha256. */
  manifest: jsonb('manifest').notNull(),
  stats: jsonb('stats').notNull(),
  /** The de-identification check on arrival, file by file. */
  deid: jsonb('deid').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('dataset_versions_number').on(t.projectId, t.name, t.number)]);

/** A chunked upload in progress; its bytes live in DATA_DIR/uploads/<id>/, one file per declared file. */
export const uploadSessions = pgTable('upload_sessions', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull().references(() => projects.id),
  dataset: text('dataset').notNull(),
  userId: text('user_id').notNull().references(() => users.id),
  /** `[{ path, size, sha256 }]` as declared. */
  files: jsonb('files').notNull(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  /** `open`, or `complete` (then `versionId` names what it became). */
  state: text('state').notNull(),
  versionId: text('version_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When a chunk last arrived (or completion began): an open upload idle past the expiry is removed. */
  touchedAt: timestamp('touched_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('upload_sessions_project').on(t.projectId, t.state)]);

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  userId: text('user_id'),
  projectId: text('project_id'),
  action: text('action').notNull(),
  /** What was acted on, and how it went (`ok`, `refused`, …). */
  target: text('target'),
  outcome: text('outcome').notNull(),
  ip: text('ip'),
  detail: jsonb('detail'),
}, (t) => [index('audit_project').on(t.projectId, t.id)]);

export const schema = { users, sessions, apiTokens, projects, memberships, pipelineVersions, datasetVersions, uploadSessions, auditLog };
