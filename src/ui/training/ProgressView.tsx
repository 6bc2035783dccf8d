import { useTranslation } from 'react-i18next';
import { fractionDone, type Progress } from '../../store';

function clock(seconds: number | null): string {
  if (seconds == null || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Epoch, batch, time left, and a bar; re-renders per batch, and only itself. */
export function ProgressView({ progress, paused, live }: { progress: Progress; paused: boolean; live: boolean }) {
  const { t } = useTranslation();
  const done = fractionDone(progress);
  const dataWait = progress.history.at(-1)?.dataWaitShare;
  return (
    <div className="train-progress">
      <div className="progress-bar" role="progressbar" aria-label={t('train_progress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(done * 100)} data-testid="train-progress">
        <div className="progress-fill" style={{ width: `${done * 100}%` }} />
      </div>
      <div className="progress-text" data-testid="progress-text">
        {t('progress_line', { epoch: progress.epoch || 1, epochs: progress.epochs, batch: progress.batch, batches: progress.batchesPerEpoch })}
        {live ? ` · ${paused ? t('paused') : t('time_left', { time: clock(progress.etaSeconds) })}` : ''}
        {progress.bestEpoch != null ? ` · ${t('best_epoch', { epoch: progress.bestEpoch })}` : ''}
      </div>
      {dataWait !== undefined && dataWait >= 0.01 ? (
        // How much of the last epoch waited for data, shown once it is worth knowing (reading slower than training).
        <div className="hint" data-testid="data-wait">
          {t('data_wait', { share: Math.round(dataWait * 100) })}
        </div>
      ) : null}
    </div>
  );
}
