import { CSRF_HEADER } from '../server/auth/identify';
import { readCredentials, serverKey, storedCredential, writeCredentials, type Credential } from './credentials';
import { UserError } from './errors';
import { prompt, readPasswordFile } from './password-input';

type Io = { out: (s: string) => void; err: (s: string) => void };

export interface LoginOptions {
  name?: string;
  passwordFile?: string;
  scope?: string;
  days?: string;
  /** For tests: the HTTP client. */
  fetch?: typeof fetch;
}

/**
 * `jimu login URL`: signs in with a name and password, asks the server for an expiring API token, signs the
 * session out again, and keeps only the token, in the user's config folder (0600). `jimu push` and later
 * commands then find it by the server's address.
 */
export async function login(url: string, opts: LoginOptions, io: Io): Promise<number> {
  const server = serverKey(url);
  const scope = opts.scope ?? 'write';
  if (scope !== 'read' && scope !== 'write') throw new UserError(`--scope ${scope} is not a scope.`, 'Use --scope read or --scope write.');
  const days = Number(opts.days ?? '30');
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new UserError(`--days ${opts.days} is not a number of days from 1 to 365.`, 'For example --days 30.');
  const name = opts.name ?? process.env.USER ?? '';
  if (!name) throw new UserError('No user name.', 'Pass --name NAME.');
  const password = opts.passwordFile ? readPasswordFile(opts.passwordFile) : await prompt(`Password for ${name} on ${server}: `);
  const http = opts.fetch ?? fetch;
  const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    let r: Response;
    try {
      r = await http(`${server}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    } catch (e) {
      throw new UserError(`Cannot reach ${server}: ${(e as Error).message}.`, 'Check the address and that jimu serve is running there.');
    }
    const data = (await r.json().catch(() => null)) as { error?: { message?: string; hint?: string } } | null;
    if (!r.ok) throw new UserError(`${server} refused: ${data?.error?.message ?? `HTTP ${r.status}`}`, data?.error?.hint);
    return { data: data as Record<string, unknown>, cookie: r.headers.get('set-cookie')?.split(';')[0] ?? '' };
  };
  const session = await call('/api/login', { name, password });
  const auth = { cookie: session.cookie, [CSRF_HEADER]: String(session.data.csrfToken ?? '') };
  const made = await call('/api/tokens', { name: `jimu login on ${process.env.HOSTNAME ?? 'this machine'}`, scope, days }, auth);
  await call('/api/logout', {}, auth).catch(() => undefined); // the token is what is kept; the session ends here
  const credential: Credential = { server, id: String(made.data.id), name, token: String(made.data.token), scope, expiresAt: String(made.data.expiresAt) };
  await writeCredentials([...(await readCredentials()).filter((c) => c.server !== server), credential]);
  io.out(`Signed in to ${server} as ${name}: a ${scope} token until ${credential.expiresAt.slice(0, 10)}, kept in your config folder (only you can read it).`);
  return 0;
}

/** `jimu logout [URL]`: revokes the stored token on its server and forgets it (also when the server cannot be reached). */
export async function logout(url: string | undefined, io: Io, http: typeof fetch = fetch): Promise<number> {
  const c = await storedCredential(url);
  if (!c) throw new UserError(url ? `No token is stored for ${serverKey(url)}.` : 'No single stored token to forget.', url ? undefined : 'Name the server: jimu logout URL.');
  const revoked = await http(`${c.server}/api/tokens/${encodeURIComponent(c.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${c.token}` } }).then(
    (r) => r.ok,
    () => false,
  );
  await writeCredentials((await readCredentials()).filter((x) => x.server !== c.server));
  io.out(revoked ? `Revoked and forgot the token for ${c.server}.` : `Forgot the token for ${c.server}, but the server did not revoke it (unreachable, or it had already ended). Revoke it there if it may still be valid.`);
  return 0;
}
