import { isSlowFallback } from '../runtime/slow-backend';
import type { TrainEvent } from '../runtime/train';

function clock(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return `${h ? `${h}:` : ''}${String(m).padStart(h ? 2 : 1, '0')}:${String(r).padStart(2, '0')}`;
}

const fmt = (logs: Record<string, number>) =>
  Object.entries(logs)
    .map(([k, v]) => `${k} ${v.toFixed(4)}`)
    .join('  ');

/**
 * A terminal progress display: a redrawn bar on a terminal, one line per epoch otherwise (logs, CI).
 */
export function progressPrinter(write: (s: string) => void, isTTY: boolean): (e: TrainEvent) => void {
  let epochs = 0;
  return (e) => {
    switch (e.type) {
      case 'run-start':
        epochs = e.epochs;
        write(`Training on ${e.trainExamples} examples (validation: ${e.validationExamples}), ${e.epochs} epochs × ${e.batchesPerEpoch} batches, backend ${e.backend} (${e.backendReason}).\n`);
        if (isSlowFallback(e.backend, e.backendReason)) {
          write(`warning: training on the cpu backend, about 250 times slower than wasm: ${e.backendReason}.\n`);
          write('  This run may take hours. Stop it (Ctrl+C) and report the reason above, or pass --backend cpu to accept it.\n');
        }
        for (const n of e.notes) write(`note: ${n}\n`);
        break;
      case 'batch-end':
        if (isTTY) {
          const width = 24;
          const done = Math.round((e.batch / e.batches) * width);
          write(`\r epoch ${e.epoch}/${epochs} [${'█'.repeat(done)}${'·'.repeat(width - done)}] ${e.batch}/${e.batches}  loss ${e.loss.toFixed(4)}  ETA ${clock(e.etaSeconds)}   `);
        }
        break;
      case 'epoch-end':
        write(`${isTTY ? '\r\x1b[2K' : ''}epoch ${e.epoch}/${epochs}  ${fmt(e.logs)}${e.best ? '  ★ best' : ''}${e.dataWaitShare !== undefined && e.dataWaitShare >= 0.005 ? `  data wait ${Math.round(e.dataWaitShare * 100)} %` : ''}  ETA ${clock(e.etaSeconds)}\n`);
        break;
      case 'run-end':
        write(`${isTTY ? '\r\x1b[2K' : ''}Stopped: ${e.stoppedBecause} after ${e.epochsRun} epoch${e.epochsRun === 1 ? '' : 's'}${e.bestEpoch ? `, best epoch ${e.bestEpoch}` : ''}.${e.message ? ` ${e.message}` : ''}\n`);
        break;
      default: {
        const never: never = e;
        return never;
      }
    }
  };
}
