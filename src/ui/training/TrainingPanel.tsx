import { useTranslation } from 'react-i18next';
import { editorStore, progressOf, useEditor } from '../../store';
import { BACKEND_REQUESTS, type BackendRequest } from '../../worker/protocol';
import { compactBytes } from '../format';
import { Curves } from './Curves';
import { EvaluationViews } from './evaluation/EvaluationViews';
import { FAILURES } from './failures';
import { ProgressView } from './ProgressView';
import { docOfRun, pauseTraining, startTraining, stopTraining } from './run-controller';
import { RunActions } from './RunActions';

function Controls() {
  const { t } = useTranslation();
  const phase = useEditor((s) => s.run.phase);
  const paused = useEditor((s) => s.run.phase === 'training' && s.run.paused);
  const stopping = useEditor((s) => s.run.phase === 'training' && s.run.stopping);
  const backend = useEditor((s) => s.backendRequest);
  const live = phase === 'starting' || phase === 'training' || phase === 'evaluating';
  return (
    <div className="train-controls">
      <label>
        {t('backend')}{' '}
        <select aria-label={t('backend')} value={backend} disabled={live} onChange={(e) => editorStore.getState().setBackendRequest(e.target.value as BackendRequest)}>
          {BACKEND_REQUESTS.map((b) => (
            <option key={b} value={b}>
              {b === 'auto' ? t('backend_auto') : b}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="primary" disabled={live} onClick={() => void startTraining()}>
        {t('train_start')}
      </button>
      <button type="button" disabled={phase !== 'training' || stopping} onClick={() => pauseTraining(!paused)}>
        {paused ? t('train_resume') : t('train_pause')}
      </button>
      <button type="button" disabled={phase !== 'training' || stopping} onClick={stopTraining}>
        {stopping ? t('train_stopping') : t('train_stop')}
      </button>
    </div>
  );
}

function LiveProgress() {
  const progress = useEditor((s) => progressOf(s.run));
  const paused = useEditor((s) => s.run.phase === 'training' && s.run.paused);
  const live = useEditor((s) => s.run.phase === 'training');
  if (!progress) return null;
  return (
    <>
      <p className="backend-line" data-testid="backend-line">
        {progress.backend ? <strong>{progress.backend}</strong> : null} {progress.backendReason}
      </p>
      {progress.notes.map((n) => (
        <p key={n} className="hint">
          {n}
        </p>
      ))}
      <ProgressView progress={progress} paused={paused} live={live} />
    </>
  );
}

function MemoryWarning() {
  const { t } = useTranslation();
  const run = useEditor((s) => s.run);
  if (run.phase !== 'memory-warning') return null;
  return (
    <div className="train-warning" role="alert">
      <p>{t('memory_warning', { need: compactBytes(run.check.estimateBytes), have: compactBytes(run.check.availableBytes), source: run.check.source })}</p>
      <button type="button" onClick={() => void startTraining(true)}>
        {t('train_anyway')}
      </button>{' '}
      <button type="button" onClick={() => editorStore.getState().dispatchRun({ type: 'dismiss' })}>
        {t('cancel')}
      </button>
    </div>
  );
}

function Failure() {
  const { t } = useTranslation();
  const run = useEditor((s) => s.run);
  if (run.phase !== 'failed') return null;
  const f = FAILURES[run.code];
  return (
    <div className="train-failure" role="alert" data-testid="train-failure" data-code={run.code}>
      <p>
        <strong>{t(f.what)}</strong>
      </p>
      <p>{t(f.tryThis)}</p>
      <p className="failure-detail">{run.detail}</p>
      <p className="hint">{t('fail_doc_safe')}</p>
    </div>
  );
}

function Outcome() {
  const { t } = useTranslation();
  const run = useEditor((s) => (s.run.phase === 'finished' ? s.run : null));
  if (!run) return null;
  const o = run.outcome;
  return (
    <div className="train-outcome" data-testid="train-outcome" data-stopped={o.stoppedBecause}>
      <p className={o.stoppedBecause === 'nan' ? 'train-nan' : ''}>
        <strong>{t(`stopped_${o.stoppedBecause}`, { epochs: o.history.length, best: o.bestEpoch ?? '–' })}</strong> {o.message ?? ''}
      </p>
      {o.stoppedBecause === 'nan' ? (
        <p className="train-nan" data-testid="nan-hint">
          {t('nan_hint')}
        </p>
      ) : null}
      <p className="hint">{t('throughput', { rate: o.samplesPerSecond.toFixed(0), backend: o.backend })}</p>
      <RunActions runId={run.runId} />
      <EvaluationViews evaluations={o.evaluations} model={o.model} doc={docOfRun(run.runId)} />
    </div>
  );
}

/** The training dashboard: controls, what the run is doing, its curves, and what it learned. */
export function TrainingPanel() {
  const { t } = useTranslation();
  const phase = useEditor((s) => s.run.phase);
  const hasProgress = useEditor((s) => progressOf(s.run) !== null);
  const everShown = useEditor((s) => s.run.phase !== 'idle');
  return (
    <section className="training-panel" aria-label={t('training')} data-phase={phase}>
      <h2>{t('training')}</h2>
      <Controls />
      {phase === 'idle' ? <p className="hint">{t('train_idle')}</p> : null}
      {phase === 'starting' ? <p className="hint">{t('train_preparing')}</p> : null}
      <MemoryWarning />
      <Failure />
      <LiveProgress />
      {/* Mounted once the panel shows a run and kept: a new run reuses the charts. */}
      <div hidden={!hasProgress}>{everShown ? <Curves /> : null}</div>
      {phase === 'evaluating' ? <p className="hint">{t('train_evaluating')}</p> : null}
      <Outcome />
    </section>
  );
}
