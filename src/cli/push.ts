import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { deidentify } from '../data/deid/deidentify';
import { looksLikeDicom } from '../data/dicom/parse';
import { hashFile, readHead } from '../server/file-bytes';
import { configDir, storedCredential } from './credentials';
import { UserError } from './errors';
import { kindOf, readBytes, walk } from './medical-files';

type Io = { out: (s: string) => void; err: (s: string) => void };

export interface PushOptions {
  project: string;
  dataset: string;
  server?: string;
  /** Largest chunk in bytes (the server may ask for smaller). */
  chunkBytes?: number;
  acceptBurnedIn?: boolean;
  /** For tests: the HTTP client. */
  fetch?: typeof fetch;
}

interface Entry {
  path: string;
  size: number;
  sha256: string;
  dicom: boolean;
}
interface Upload {
  id: string;
  state: 'open' | 'complete';
  chunkBytes: number;
  version: number | null;
  files: { path: string; size: number; sha256: string; received: number }[];
}

/** Where a push remembers its salt and upload between runs (0600, in the user's config folder). */
function stateFile(key: string): string {
  return join(configDir(), 'push', `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/**
 * `jimu push DIR --project P --dataset NAME`: uploads a folder as the next version of a dataset on the team
 * server. DICOM files are de-identified here first (the same profile as `jimu deid`, one salt per push, kept
 * so a re-run produces the same bytes); an original with identifiers never leaves the machine. Files go in
 * chunks; running the same command again after an interruption resumes where the server says it stopped.
 */
export async function push(dir: string, opts: PushOptions, io: Io): Promise<number> {
  // The server: --server, JIMU_SERVER, or the one server `jimu login` stored a token for.
  const named = opts.server ?? process.env.JIMU_SERVER;
  const stored = process.env.JIMU_TOKEN ? undefined : await storedCredential(named);
  const server = (named ?? stored?.server ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(server)) throw new UserError('No team server given.', 'Pass --server http://HOST:PORT (or set JIMU_SERVER, or sign in once with jimu login URL).');
  const token = process.env.JIMU_TOKEN ?? stored?.token;
  if (!token) throw new UserError(`No API token for ${server}.`, `Sign in once with: jimu login ${server} (or set JIMU_TOKEN to a write token).`);
  if (stored && Date.parse(stored.expiresAt) < Date.now()) throw new UserError(`The token jimu login stored for ${server} expired on ${stored.expiresAt.slice(0, 10)}.`, `Sign in again: jimu login ${server}`);
  if ((await kindOf(dir, 'folder')) !== 'folder') throw new UserError(`"${dir}" is a file; jimu push uploads a folder.`, 'Put the files in a folder and push the folder.');
  const http = opts.fetch ?? fetch;
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let r: Response;
    try {
      r = await http(`${server}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body instanceof Uint8Array ? { 'content-type': 'application/octet-stream' } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body) } : {}),
      });
    } catch (e) {
      throw new UserError(`The connection to ${server} failed: ${(e as Error).message}.`, 'Check the network and the server, then run the same command again: the push resumes where it stopped.');
    }
    const text = await r.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!r.ok) {
      const e = (json as { error?: { message?: string; hint?: string } } | null)?.error;
      throw new UserError(`The server refused (${r.status}): ${e?.message ?? text.slice(0, 200)}`, e?.hint);
    }
    return json as T;
  };

  // --project takes the project's id or its name.
  const projects = await api<{ id: string; name: string }[]>('GET', '/api/projects');
  const matches = projects.filter((p) => p.id === opts.project || p.name === opts.project);
  if (matches.length !== 1) throw new UserError(matches.length ? `More than one project is named "${opts.project}".` : `No project "${opts.project}" that you can see on ${server}.`, matches.length ? 'Pass the project’s id instead.' : 'Check the name or id (GET /api/projects lists yours).');
  const projectId = matches[0]!.id;

  const root = resolve(dir);
  // Keyed by the project's id (random, unique), not the URL: a server that moves to another address still resumes.
  const statePath = stateFile(JSON.stringify([root, projectId, opts.dataset]));
  const state = (await readFile(statePath, 'utf8').then((s) => JSON.parse(s) as { salt: string; upload?: string }).catch(() => null)) ?? { salt: randomBytes(16).toString('hex') };
  const saveState = async () => {
    await mkdir(join(statePath, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${statePath}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(state), { mode: 0o600 });
    await rename(tmp, statePath);
  };
  await saveState();

  const names = (await walk(root)).map((n) => n.split(sep).join('/'));
  if (!names.length) throw new UserError(`"${dir}" holds no files.`);
  const bytesOf = async (e: Entry): Promise<Uint8Array> => {
    const raw = await readBytes(join(root, e.path));
    if (!e.dicom) return raw;
    const r = deidentify(raw, { salt: state.salt, ...(opts.acceptBurnedIn ? { acceptBurnedIn: true } : {}) });
    if (!r.ok) throw new UserError(`${e.path}: Burned In Annotation is YES; its pixels may show patient details.`, 'Check its pixels, then pass --accept-burned-in to include it, or move it out of the folder.');
    return r.bytes;
  };
  io.out(`Reading ${names.length} file${names.length === 1 ? '' : 's'} (DICOM is de-identified before it is sent)…`);
  const entries: Entry[] = [];
  for (const path of names) {
    const head = await readHead(join(root, path));
    // By name or by "DICM" after the preamble it is DICOM and must be de-identified; a file that only starts
    // like DICOM (group 0002 or 0008 first, no preamble) is de-identified when it reads as DICOM, as the
    // server checks it.
    const strong = path.toLowerCase().endsWith('.dcm') || (head.length >= 132 && new TextDecoder().decode(head.subarray(128, 132)) === 'DICM');
    let bytes: Uint8Array | null = null;
    if (strong || looksLikeDicom(head)) {
      try {
        bytes = await bytesOf({ path, dicom: true, size: 0, sha256: '' });
      } catch (e) {
        if (e instanceof UserError) throw e;
        if (strong) throw new UserError(`${path} looks like DICOM but cannot be de-identified: ${(e as Error).message}`, 'Move it out of the folder; jimu push never sends a DICOM file it could not de-identify.');
      }
    }
    if (!bytes) {
      entries.push({ path, dicom: false, ...(await hashFile(join(root, path))) });
      continue;
    }
    entries.push({ path, dicom: true, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  const dicoms = entries.filter((e) => e.dicom).length;
  if (dicoms) io.out(`  ${dicoms} DICOM file${dicoms === 1 ? '' : 's'} de-identified (PS3.15 Basic Profile); file and folder names are sent as they are — if they hold names or dates, run jimu deid first.`);
  const total = entries.reduce((a, e) => a + e.size, 0);
  const declared = entries.map(({ path, size, sha256 }) => ({ path, size, sha256 }));

  let upload: Upload | null = null;
  if (state.upload) {
    upload = await api<Upload>('GET', `/api/projects/${projectId}/uploads/${state.upload}`).catch(() => null);
    const same = upload && JSON.stringify(upload.files.map(({ path, size, sha256 }) => ({ path, size, sha256 }))) === JSON.stringify(declared);
    if (upload && same && upload.state === 'complete') {
      io.out(`Already pushed: "${opts.dataset}" version ${upload.version} holds exactly these files.`);
      return 0;
    }
    if (!same) upload = null;
    else io.out(`Resuming the upload: ${mib(upload!.files.reduce((a, f) => a + f.received, 0))} of ${mib(total)} already on the server.`);
  }
  if (!upload) {
    upload = await api<Upload>('POST', `/api/projects/${projectId}/uploads`, { dataset: opts.dataset, files: declared });
    state.upload = upload.id;
    await saveState();
  }

  const chunk = Math.max(1024, Math.min(opts.chunkBytes ?? 8 * 2 ** 20, upload.chunkBytes));
  let sent = upload.files.reduce((a, f) => a + f.received, 0);
  let shown = -1;
  const started = Date.now();
  const startedAt = sent;
  const progress = () => {
    const pct = total ? Math.floor((100 * sent) / total) : 100;
    if (Math.floor(pct / 10) === shown) return;
    shown = Math.floor(pct / 10);
    io.out(`  ${mib(sent)} of ${mib(total)} (${pct}%)`);
  };
  for (const [i, e] of entries.entries()) {
    let at = upload.files[i]!.received;
    if (at >= e.size) continue;
    const data = e.dicom ? await bytesOf(e) : null;
    if (data && createHash('sha256').update(data).digest('hex') !== e.sha256) throw new UserError(`${e.path} changed while it was being pushed.`, 'Run the same command again.');
    const fh = data ? null : await open(join(root, e.path), 'r');
    try {
      while (at < e.size) {
        const n = Math.min(chunk, e.size - at);
        let piece: Uint8Array;
        if (data) piece = data.subarray(at, at + n);
        else {
          const b = Buffer.alloc(n);
          await fh!.read(b, 0, n, at);
          piece = b;
        }
        const r = await api<{ received: number }>('PUT', `/api/projects/${projectId}/uploads/${upload.id}/files/${i}?offset=${at}`, piece);
        sent += r.received - at;
        at = r.received;
        progress();
      }
    } finally {
      await fh?.close();
    }
  }
  progress();
  const done = await api<Upload>('POST', `/api/projects/${projectId}/uploads/${upload.id}/complete`);
  const secs = (Date.now() - started) / 1000;
  io.out(`✓ Pushed ${entries.length} file${entries.length === 1 ? '' : 's'} (${mib(total)}) as "${opts.dataset}" version ${done.version} of project ${matches[0]!.name}${sent > startedAt && secs > 0 ? ` — ${mib((sent - startedAt) / secs)}/s` : ''}.`);
  return 0;
}


