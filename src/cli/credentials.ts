import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError } from './errors';

/** One team server's API token, as `jimu login` stored it. */
export interface Credential {
  server: string;
  /** The token's id on the server (to revoke it). */
  id: string;
  name: string;
  token: string;
  scope: string;
  expiresAt: string;
}

/** The user's Jimu config folder: JIMU_CONFIG_DIR, else $XDG_CONFIG_HOME/jimu, else ~/.config/jimu. */
export function configDir(): string {
  return process.env.JIMU_CONFIG_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'jimu');
}

export const credentialsFile = () => join(configDir(), 'credentials.json');

/** A server's address as the key it is stored under: scheme, host and port, no trailing slash. */
export function serverKey(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`"${url}" is not a server address.`, 'Give it as http://HOST:PORT or https://HOST.');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError(`"${url}" is not an http(s) address.`, 'Give it as http://HOST:PORT or https://HOST.');
  return u.origin;
}

export async function readCredentials(): Promise<Credential[]> {
  const text = await readFile(credentialsFile(), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '[]';
    throw e;
  });
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    throw new UserError(`${credentialsFile()} is not valid JSON.`, 'Delete it and run jimu login again.');
  }
  return Array.isArray(list) ? list.filter((c): c is Credential => !!c && typeof c === 'object' && typeof c.server === 'string' && typeof c.token === 'string') : [];
}

/**
 * Writes the list readable by the user alone: a new file created with mode 0600 in a 0700 folder, then
 * renamed over the old one, so a token is never readable by others even for a moment.
 */
export async function writeCredentials(list: Credential[]): Promise<void> {
  const file = credentialsFile();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await chmod(dirname(file), 0o700);
  const temp = `${file}.${process.pid}.tmp`;
  const h = await open(temp, 'wx', 0o600);
  try {
    await h.writeFile(`${JSON.stringify(list, null, 2)}\n`);
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(temp, file).catch(async (e: unknown) => {
    await rm(temp, { force: true });
    throw e;
  });
}

/** The stored credential for `server`, or the only one stored when no server is named. */
export async function storedCredential(server: string | undefined): Promise<Credential | undefined> {
  const list = await readCredentials();
  if (server) return list.find((c) => c.server === serverKey(server));
  return list.length === 1 ? list[0] : undefined;
}
