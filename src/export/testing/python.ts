import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Debian's Python with python3-torch (1.13 here); the parity tests run it. */
export const PYTHON = '/usr/bin/python3';
export const PYTHON_SRC = fileURLToPath(new URL('../../../python/', import.meta.url));

/** Why the PyTorch tests cannot run here (null when they can). */
export function torchMissing(): string | null {
  try {
    execFileSync(PYTHON, ['-c', 'import torch, numpy'], { stdio: 'pipe' });
    return null;
  } catch {
    return `${PYTHON} cannot import torch and numpy: install Debian's python3-torch and python3-numpy (scripts/ensure-deps.mjs --python)`;
  }
}

/** Runs a Python script and returns its stdout; a failure throws with its stderr. */
export function python(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  try {
    return execFileSync(PYTHON, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28, ...options });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${PYTHON} ${args.join(' ')} failed: ${err.stderr ?? err.message}`);
  }
}

/**
 * Debian's torch 1.13 on Python 3.11 cannot parse torchrun's default --redirects/--tee (Python 3.11 no longer
 * lists the zero flag of an IntFlag); naming them explicitly works around it. Newer torch needs nothing.
 */
export function launcherFlags(): string[] {
  try {
    python(['-c', 'from torch.distributed.elastic.multiprocessing.api import Std; import sys; sys.exit(0 if any(s == 0 for s in Std) else 1)']);
    return [];
  } catch {
    return ['--redirects', '1', '--tee', '1'];
  }
}
