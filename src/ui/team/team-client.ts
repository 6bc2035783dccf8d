import { diffPipelines, parseDocument, type PipelineDiff, type PipelineDocument } from '../../core';

/** The roles a project member may have, each including the one before (the server's permissions). */
export const ROLES = ['viewer', 'annotator', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export interface Me {
  id: string;
  name: string;
  admin: boolean;
}
export interface ServerProject {
  id: string;
  name: string;
  visibility: 'private' | 'internal';
  /** Null: not a member (an internal project, read as a viewer would). */
  role: Role | null;
}
export interface PipelineVersion {
  id: string;
  name: string;
  number: number;
  message: string;
  author: string;
  hash: string;
  createdAt: string;
}
export interface SavedVersion extends PipelineVersion {
  /** False when the document was identical to the latest version, which the server keeps as it is. */
  created: boolean;
}

/** What went wrong, in the words the app shows (each has an en and zh string: `team_err_<problem>`). */
export type TeamProblem = 'sign-in-refused' | 'session-ended' | 'slow-down' | 'csrf' | 'forbidden' | 'not-found' | 'invalid' | 'newer-version' | 'unreachable' | 'failed';

export class TeamError extends Error {
  constructor(
    readonly problem: TeamProblem,
    readonly status: number,
    /** The server's own message (English), kept for the details line. */
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

const PROBLEMS: Record<string, TeamProblem> = {
  'sign-in-refused': 'sign-in-refused',
  'slow-down': 'slow-down',
  'session-ended': 'session-ended',
  'sign-in': 'session-ended',
  csrf: 'csrf',
  forbidden: 'forbidden',
  'no-project': 'not-found',
  'no-version': 'not-found',
  invalid: 'invalid',
  'invalid-pipeline': 'invalid',
  'newer-version': 'newer-version',
};

function problemOf(status: number, code: string | undefined): TeamProblem {
  if (code && PROBLEMS[code]) return PROBLEMS[code];
  if (status === 401) return 'session-ended';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'slow-down';
  if (status === 400) return 'invalid';
  return 'failed';
}

/** Whether the user may save pipeline versions in the project: editors, owners and administrators. */
export function canSave(project: ServerProject, me: Me): boolean {
  return me.admin || project.role === 'editor' || project.role === 'owner';
}

/** The role the user acts with in a project: their membership, or a viewer's in an internal project. */
export function effectiveRole(project: ServerProject): Role {
  return project.role ?? 'viewer';
}

/** A stored version's document, read as the app reads a file (the server checked it when it was saved). */
export function versionDocument(document: unknown): PipelineDocument {
  const r = parseDocument(document);
  if (!r.document) throw new TeamError('invalid', 0, 'The server sent a pipeline this app cannot read.');
  return r.document;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The team server's API as the app uses it: the session lives in an HttpOnly cookie the browser keeps,
 * and every change carries the session's CSRF token in `x-csrf-token`, as the server requires.
 * `fetchFn` and `base` let the tests drive a real server in Node.
 */
export function teamClient(fetchFn: Fetch = (u, i) => fetch(u, i), base = '') {
  let csrf: string | undefined;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let r: Response;
    try {
      r = await fetchFn(base + path, { method, credentials: 'same-origin', headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (e) {
      throw new TeamError('unreachable', 0, (e as Error).message);
    }
    const data: unknown = await r.json().catch(() => null);
    if (!r.ok) {
      const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
      const problem = problemOf(r.status, error?.code);
      if (problem === 'session-ended') csrf = undefined;
      throw new TeamError(problem, r.status, error?.message ?? `HTTP ${r.status}`);
    }
    return data as T;
  }
  const pipelinePath = (projectId: string, name: string) => `/api/projects/${encodeURIComponent(projectId)}/pipelines/${encodeURIComponent(name)}`;
  const remember = (me: Me & { csrfToken?: string }): Me => {
    csrf = me.csrfToken;
    return { id: me.id, name: me.name, admin: me.admin };
  };

  return {
    /**
     * Whether a Jimu team server serves this app: its health answer is JSON with `ok`. A static server
     * (`vite preview`, the dev server) answers the app's own HTML or a 404, and this says no, quietly.
     */
    async probe(): Promise<boolean> {
      try {
        const r = await fetchFn(`${base}/api/health`, { method: 'GET', credentials: 'same-origin' });
        if (!r.ok || !(r.headers.get('content-type') ?? '').includes('application/json')) return false;
        return ((await r.json()) as { ok?: unknown }).ok === true;
      } catch {
        return false;
      }
    },
    /** Who is signed in (the cookie the browser still holds), or null. */
    async resume(): Promise<Me | null> {
      try {
        return remember(await call<Me & { csrfToken?: string }>('GET', '/api/me'));
      } catch (e) {
        if (e instanceof TeamError && e.problem === 'session-ended') return null;
        throw e;
      }
    },
    async signIn(name: string, password: string): Promise<Me> {
      return remember(await call<Me & { csrfToken?: string }>('POST', '/api/login', { name, password }));
    },
    async signOut(): Promise<void> {
      try {
        await call('POST', '/api/logout');
      } finally {
        csrf = undefined;
      }
    },
    projects: () => call<ServerProject[]>('GET', '/api/projects'),
    pipelines: (projectId: string) => call<PipelineVersion[]>('GET', `/api/projects/${encodeURIComponent(projectId)}/pipelines`),
    /** Every version of a pipeline, newest first. */
    versions: (projectId: string, name: string) => call<PipelineVersion[]>('GET', `${pipelinePath(projectId, name)}/versions`),
    async version(projectId: string, name: string, number: number): Promise<PipelineVersion & { document: PipelineDocument }> {
      const v = await call<PipelineVersion & { document: unknown }>('GET', `${pipelinePath(projectId, name)}/versions/${number}`);
      return { ...v, document: versionDocument(v.document) };
    },
    /** With `basedOn` (a version number, or null for a document not from this pipeline) the server refuses the save when a newer version exists. */
    save: (projectId: string, name: string, message: string, document: PipelineDocument, basedOn?: number | null) => call<SavedVersion>('POST', `${pipelinePath(projectId, name)}/versions`, basedOn === undefined ? { message, document } : { message, document, basedOn }),
  };
}

export type TeamClient = ReturnType<typeof teamClient>;

/** Saving over a version: either saved, or a newer version than the one the document came from exists. */
export type SaveOutcome =
  | { kind: 'saved'; version: SavedVersion }
  | { kind: 'newer'; latest: PipelineVersion; basedOn: number | null; diff: PipelineDiff };

/**
 * Saves `document` as the next version of `name`, unless someone saved a version newer than `basedOn`
 * (the version the document was opened from or last saved as; null: not from this pipeline). Then nothing
 * is saved and the answer holds what changed: from `basedOn` to the latest version, or, for a document
 * that never came from this pipeline, from the latest version to this document. `force` saves anyway.
 */
export async function saveVersion(client: TeamClient, projectId: string, name: string, message: string, document: PipelineDocument, basedOn: number | null, force = false): Promise<SaveOutcome> {
  try {
    // The server checks `basedOn` under the pipeline's lock: a version saved a moment ago by someone else is
    // refused here too, not only one the app saw before saving.
    return { kind: 'saved', version: await client.save(projectId, name, message, document, force ? undefined : basedOn) };
  } catch (err) {
    if (!(err instanceof TeamError) || err.problem !== 'newer-version') throw err;
  }
  const [latest] = await client.versions(projectId, name);
  const newest = await client.version(projectId, name, latest!.number);
  const diff = basedOn === null ? diffPipelines(newest.document, document) : diffPipelines((await client.version(projectId, name, basedOn)).document, newest.document);
  return { kind: 'newer', latest: latest!, basedOn, diff };
}
