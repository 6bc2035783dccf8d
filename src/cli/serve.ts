import { join, resolve } from 'node:path';
import { UserError } from './errors';
import { prompt, readPasswordFile } from './password-input';

type Io = { out: (s: string) => void; err: (s: string) => void };

/** Opens the database the server and `jimu users` share: DATABASE_URL, or embedded PostgreSQL in DIR. */
async function open(dataDir: string) {
  const { openDatabase, migrate } = await import('../server/db/connect');
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(url ? { url, dir: dataDir } : { dir: join(resolve(dataDir), 'db') }).catch((e: Error) => {
    throw new UserError(`Cannot open the database${url ? ' at DATABASE_URL' : ` in ${dataDir}`}: ${e.message}`, url ? 'Check DATABASE_URL (postgres://user:password@host:5432/db) and that PostgreSQL is running.' : 'Check that the folder is writable and not used by another jimu serve.');
  });
  try {
    await migrate(database.db);
  } catch (e) {
    await database.close();
    throw new UserError(`Cannot bring the database up to date: ${(e as Error).message}`);
  }
  return database;
}

/** `jimu serve`: the team server and the built app on one port, until interrupted. */
export async function serve(opts: { port: string; host: string; data: string }, io: Io): Promise<number> {
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || port > 65535) throw new UserError(`--port ${opts.port} is not a port number.`, 'Use a whole number from 1 to 65535, e.g. --port 8080 (0: any free port).');
  const database = await open(opts.data);
  const { buildServer } = await import('../server/app');
  const app = await buildServer({ db: database.db, logger: true, dataDir: resolve(opts.data), staticDir: resolve(new URL('../../dist', import.meta.url).pathname) });
  try {
    await app.listen({ port, host: opts.host });
  } catch (e) {
    await database.close();
    throw new UserError(`Cannot listen on ${opts.host}:${port}: ${(e as Error).message}`, 'Choose another --port, or stop what uses this one.');
  }
  const bound = app.server.address();
  const shown = typeof bound === 'object' && bound ? bound.port : port;
  io.out(`Jimu team server on http://${opts.host}:${shown} (database: ${database.kind === 'pglite' ? `embedded, in ${resolve(opts.data)}` : 'DATABASE_URL'}). Stop it with Ctrl+C.`);
  await new Promise<void>((done) => {
    const stop = () => void app.close().then(() => database.close()).then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** `jimu users add NAME [--admin] [--password-file F]`: creates a user (the first administrator, too). */
export async function addUser(name: string, opts: { admin?: boolean; passwordFile?: string; data: string }, io: Io): Promise<number> {
  const password = opts.passwordFile ? readPasswordFile(opts.passwordFile) : await prompt(`Password for ${name}: `);
  const { UserName, Password } = await import('../server/routes/common');
  const n = UserName.safeParse(name);
  if (!n.success) throw new UserError(`The user name "${name.slice(0, 64)}" ${n.error.issues[0]!.message}.`);
  const p = Password.safeParse(password);
  if (!p.success) throw new UserError(`The password ${p.error.issues[0]!.message}.`, 'Use a longer passphrase.');
  const database = await open(opts.data);
  try {
    const { createUser } = await import('../server/users');
    const { HttpError } = await import('../server/route');
    const u = await createUser(database.db, { name: n.data, password: p.data, admin: opts.admin ?? false }).catch((e: unknown) => {
      if (e instanceof HttpError) throw new UserError(e.message, e.hint);
      throw e;
    });
    io.out(`Created ${u.admin ? 'administrator' : 'user'} ${u.name}.`);
    return 0;
  } finally {
    await database.close();
  }
}

