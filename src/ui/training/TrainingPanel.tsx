import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSlowFallback } from '../../runtime/slow-backend';
import { editorStore, isLive, progressOf, useEditor } from '../../store';
import { documentKey } from '../../storage/document-key';
import { lastRunOf, type RunRecord } from '../../storage/run-history';
import { BACKEND_REQUESTS, type BackendRequest } from '../../worker/protocol';
import { compactBytes, formatNumber } from '../format';
import { useLang } from '../useLang';
import { backendName } from './backend-name';
import { Curves } from './Curves';
import { EvaluationViews } from './evaluation/EvaluationViews';
import { FAILURES } from './failures';
import { ProgressView } from './ProgressView';
import { docOfRun, onHistoryChange, pauseTraining, runDatabase, startTraining, stopTraining } from './run-controller';
import { RunActions } from './RunActions';
import { localizeError } from '../../core/diagnostics/coded-error';
import { RunView } from './RunView';

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
  const { t } = useTranslation();
  const progress = useEditor((s) => progressOf(s.run));
  const paused = useEditor((s) => s.run.phase === 'training' && s.run.paused);
  const live = useEditor((s) => s.run.phase === 'training');
  if (!progress) return null;
  return (
    <>
      {progress.backend ? (
        // The plain name for everyone; the runtime's own reason (kernels, adapters) behind a click.
        <details className="backend-line" data-testid="backend-line">
          <summary>{backendName(progress.backend, t)}</summary>
          <p className="hint" data-testid="backend-detail">
            {progress.backendReason}
          </p>
        </details>
      ) : null}
      {isSlowFallback(progress.backend, progress.backendReason) ? (
        <p className="train-warning" role="alert" data-testid="slow-backend">
          {t('slow_backend')}
        </p>
      ) : null}
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
  const lang = useLang();
  const run = useEditor((s) => s.run);
  if (run.phase !== 'failed') return null;
  const f = FAILURES[run.code];
  const coded = localizeError(run.error, lang);
  return (
    <div className="train-failure" role="alert" data-testid="train-failure" data-code={run.code} data-error={run.error.code}>
      <p>
        <strong>{t(f.what)}</strong>
      </p>
      <p>{t(f.tryThis)}</p>
      <p className="failure-detail">
        {run.error.code}: {coded.message} {coded.hint}
      </p>
      <p className="hint">{t('fail_doc_safe')}</p>
    </div>
  );
}

function Outcome() {
  const { t } = useTranslation();
  const lang = useLang();
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
      <p className="hint">{t('throughput', { rate: formatNumber(o.samplesPerSecond, lang, 0), backend: backendName(o.backend, t) })}</p>
      <RunActions runId={run.runId} />
      <EvaluationViews evaluations={o.evaluations} model={o.model} doc={docOfRun(run.runId)} />
    </div>
  );
}

/** The newest saved run of the pipeline being edited, or the invitation to train it. */
function LastRun({ docKey }: { docKey: string }) {
  const { t } = useTranslation();
  const [last, setLast] = useState<RunRecord | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load = () =>
      void lastRunOf(runDatabase(), docKey)
        .then((r) => live && setLast(r ?? null))
        .catch(() => live && setLast(null));
    load();
    const off = onHistoryChange(load);
    return () => {
      live = false;
      off();
    };
  }, [docKey]);
  if (last === undefined) return null;
  if (last === null) return <p className="hint">{t('train_idle')}</p>;
  return (
    <div className="last-run" data-testid="last-run">
      <p className="hint">{t('last_run_title')}</p>
      <RunActions runId={last.id} />
      <RunView key={last.id} id={last.id} record={last} />
    </div>
  );
}

/**
 * The training dashboard: controls, what the run is doing, its curves, and what it learned. A run's
 * results are shown beside the pipeline it trained and no other: another document shows its own last
 * run from the history, or none.
 */
export function TrainingPanel() {
  const { t } = useTranslation();
  const phase = useEditor((s) => s.run.phase);
  const docKey = useEditor((s) => documentKey(s.doc));
  // A memory warning is always about the document whose Train was just pressed.
  const mine = useEditor((s) => s.run.phase === 'memory-warning' || (s.runDoc !== null && s.runDoc.key === documentKey(s.doc)));
  const otherRun = useEditor((s) => (!mine && isLive(s.run) ? (s.runDoc?.name ?? '') : null));
  const hasProgress = useEditor((s) => progressOf(s.run) !== null);
  const everShown = useEditor((s) => s.run.phase !== 'idle');
  const shown = mine ? phase : 'idle';
  return (
    <section className="training-panel" aria-label={t('training')} data-phase={shown}>
      <h2>{t('training')}</h2>
      <Controls />
      {otherRun !== null ? (
        <p className="hint" data-testid="other-run">
          {t('train_other_run', { name: otherRun })}
        </p>
      ) : null}
      {shown === 'starting' ? <p className="hint">{t('train_preparing')}</p> : null}
      {mine ? (
        <>
          <MemoryWarning />
          <Failure />
          <LiveProgress />
        </>
      ) : null}
      {/* Mounted once the panel shows a run and kept: a new run reuses the charts. */}
      <div hidden={!hasProgress || !mine}>{everShown ? <Curves /> : null}</div>
      {shown === 'evaluating' ? <p className="hint">{t('train_evaluating')}</p> : null}
      {mine ? <Outcome /> : null}
      {shown === 'idle' ? <LastRun key={docKey} docKey={docKey} /> : null}
    </section>
  );
}
