import { spawn, type ChildProcess } from 'node:child_process';

/** Serves the built app with `vite preview` on a port of the bench's own, and waits until it answers. */
export async function startPreview(port: number): Promise<ChildProcess> {
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start (run `npx vite build` first)');
}

/** Stops a server started by {@link startPreview} (its whole process group: npx and vite). */
export function stopPreview(preview: ChildProcess): void {
  try {
    process.kill(-preview.pid!);
  } catch {
    preview.kill();
  }
}
