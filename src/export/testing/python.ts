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
export function python(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): string {
  try {
    return execFileSync(PYTHON, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28, ...options });
  } catch (e) {
    const err = e as { stderr?: string; message: string; signal?: string | null };
    const killed = err.signal && options.timeout ? ` (stopped by the hang guard after ${options.timeout / 60_000} min)` : '';
    // The end of stderr is where a failure shows; a whole training log would bury it.
    const stderr = err.stderr ? (err.stderr.length > 12_000 ? `…${err.stderr.slice(-12_000)}` : err.stderr) : err.message;
    throw new Error(`${PYTHON} ${args.join(' ')} failed${killed}: ${stderr}`);
  }
}

/** A TCP port nobody listens on now, for one torchrun's rendezvous. */
function freePort(): number {
  return Number(python(['-c', "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]).trim());
}

/**
 * Runs `torchrun --nproc_per_node=N` on this machine. Not `--standalone`: in torch 1.13 that rendezvous always
 * listens on port 29400, so two test files launching at once share one store and the first to finish takes it
 * away from the other. A free port per launch keeps them apart. The guard kills a launch that hangs (a gloo
 * peer that never arrives), so a broken run fails with its output instead of stalling the suite.
 */
export function torchrun(processes: number, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): string {
  const rendezvous = ['--nnodes=1', `--nproc_per_node=${processes}`, '--master_addr=127.0.0.1', `--master_port=${freePort()}`];
  // A process stopped by the guard prints where each of its threads was (train.py's faulthandler).
  const env = { ...(options.env ?? process.env), JIMU_TORCH_TRACEBACK_ON_TERM: '1' };
  return python(['-m', 'torch.distributed.run', ...rendezvous, ...launcherFlags(), ...args], { timeout: HANG_GUARD_MS, ...options, env });
}

/** Far beyond any run in the tests (the longest takes a few minutes): only a hung launch reaches it. */
const HANG_GUARD_MS = 30 * 60_000;

/**
 * Debian's torch 1.13 on Python 3.11 cannot parse torchrun's default --redirects/--tee (Python 3.11 no longer
 * lists the zero flag of an IntFlag); naming them explicitly works around it. Newer torch needs nothing.
 */
function launcherFlags(): string[] {
  try {
    python(['-c', 'from torch.distributed.elastic.multiprocessing.api import Std; import sys; sys.exit(0 if any(s == 0 for s in Std) else 1)']);
    return [];
  } catch {
    return ['--redirects', '1', '--tee', '1'];
  }
}
