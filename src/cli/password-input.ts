import { existsSync, readFileSync } from 'node:fs';
import { UserError } from './errors';

/** The password on the first line of a file (`--password-file`), for scripts and tests. */
export function readPasswordFile(path: string): string {
  if (!existsSync(path)) throw new UserError(`The password file ${path} does not exist.`);
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
export async function prompt(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new UserError('No terminal to ask for a password.', 'Pass --password-file FILE (the file holds the password on its first line).');
  process.stdout.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  let text = '';
  return new Promise((done, fail) => {
    const onData = (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          return done(text);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          return fail(new UserError('Cancelled.'));
        }
        if (ch === '\u007f') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}
