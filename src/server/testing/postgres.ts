import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest Debian PostgreSQL server's programs (/usr/lib/postgresql/VERSION/bin), or null. */
function serverBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}
const BIN = serverBin() ?? '/usr/lib/postgresql/15/bin';

/** Whether Debian's PostgreSQL server is installed (`npm test` installs it, as `.ci/run` runs it). */
export const havePostgres = (): boolean => existsSync(join(BIN, 'initdb'));

/**
 * A throwaway PostgreSQL cluster: initdb into a temporary folder, listening only on a Unix socket in
 * that folder (no TCP port to collide with), stopped and removed by `stop`. PostgreSQL refuses to run
 * as root, so under root the cluster runs as the `postgres` user the Debian package creates.
 */
export async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'jimu-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]] : [join(BIN, cmd), args]) as [string, string[]];
  execFileSync(...run('initdb', ['-D', data, '-U', 'jimu', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']), { stdio: 'ignore' });
  const child: ChildProcess = spawn(...run('postgres', ['-D', data, '-k', dir, '-c', 'listen_addresses=', '-c', 'fsync=off']), { stdio: 'ignore' });
  const socket = join(dir, '.s.PGSQL.5432');
  for (let i = 0; !existsSync(socket); i++) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited with ${child.exitCode} before listening.`);
    await new Promise((r) => setTimeout(r, 100));
  }
  execFileSync(...run('createdb', ['-h', dir, '-U', 'jimu', 'jimu']), { stdio: 'ignore' });
  return {
    url: `postgres://jimu@/jimu?host=${encodeURIComponent(dir)}`,
    stop: async () => {
      const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
      // pg_ctl signals the postmaster itself (under runuser, a signal to the child would stop at runuser).
      execFileSync(...run('pg_ctl', ['-D', data, 'stop', '-m', 'fast', '-w']), { stdio: 'ignore' });
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
