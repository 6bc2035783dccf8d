/**
 * The database's history, oldest first. Each migration is a list of statements run in one transaction
 * with the row that records it, so a server killed mid-migration leaves the previous version intact and
 * the next start runs it again. Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'users, sessions, tokens, projects, members, audit log',
    statements: [
      `CREATE TABLE users (
        id text PRIMARY KEY,
        name text NOT NULL,
        password_hash text NOT NULL,
        admin boolean NOT NULL DEFAULT false,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX users_name ON users (name)`,
      `CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked boolean NOT NULL DEFAULT false
      )`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE TABLE api_tokens (
        id text PRIMARY KEY,
        token_hash text NOT NULL,
        user_id text NOT NULL REFERENCES users (id),
        name text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('read', 'write')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked boolean NOT NULL DEFAULT false
      )`,
      `CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash)`,
      `CREATE TABLE projects (
        id text PRIMARY KEY,
        name text NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('private', 'internal')),
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted boolean NOT NULL DEFAULT false
      )`,
      `CREATE TABLE memberships (
        project_id text NOT NULL REFERENCES projects (id),
        user_id text NOT NULL REFERENCES users (id),
        role text NOT NULL CHECK (role IN ('viewer', 'annotator', 'editor', 'owner')),
        PRIMARY KEY (project_id, user_id)
      )`,
      `CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id text,
        project_id text,
        action text NOT NULL,
        target text,
        outcome text NOT NULL,
        ip text,
        detail jsonb
      )`,
      `CREATE INDEX audit_project ON audit_log (project_id, id)`,
      // Append-only: the database itself refuses to change or remove an entry.
      `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$`,
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    ],
  },
  {
    version: 2,
    name: 'pipeline versions',
    statements: [
      `CREATE TABLE pipeline_versions (
        id text PRIMARY KEY,
        project_id text NOT NULL REFERENCES projects (id),
        name text NOT NULL,
        number integer NOT NULL,
        message text NOT NULL,
        author_id text NOT NULL REFERENCES users (id),
        hash text NOT NULL,
        document jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX pipeline_versions_number ON pipeline_versions (project_id, name, number)`,
    ],
  },
  {
    version: 3,
    name: 'datasets: versions, upload sessions, project quotas',
    statements: [
      `ALTER TABLE projects ADD COLUMN quota_bytes bigint`,
      `CREATE TABLE dataset_versions (
        id text PRIMARY KEY,
        project_id text NOT NULL REFERENCES projects (id),
        name text NOT NULL,
        number integer NOT NULL,
        author_id text NOT NULL REFERENCES users (id),
        bytes bigint NOT NULL,
        manifest jsonb NOT NULL,
        stats jsonb NOT NULL,
        deid jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX dataset_versions_number ON dataset_versions (project_id, name, number)`,
      `CREATE TABLE upload_sessions (
        id text PRIMARY KEY,
        project_id text NOT NULL REFERENCES projects (id),
        dataset text NOT NULL,
        user_id text NOT NULL REFERENCES users (id),
        files jsonb NOT NULL,
        bytes bigint NOT NULL,
        state text NOT NULL CHECK (state IN ('open', 'complete')),
        version_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX upload_sessions_project ON upload_sessions (project_id, state)`,
    ],
  },
  {
    version: 4,
    name: 'upload sessions: when each last received a chunk, so idle ones expire',
    statements: [`ALTER TABLE upload_sessions ADD COLUMN touched_at timestamptz NOT NULL DEFAULT now()`],
  },
];
