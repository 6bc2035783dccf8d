import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadRun, type RunRecord } from '../../storage/run-history';
import { useLang } from '../useLang';
import { backendName } from './backend-name';
import { Curves } from './Curves';
import { EvaluationViews } from './evaluation/EvaluationViews';
import { runDatabase } from './run-controller';

/** The monitor of the run's Train block (which curve to draw beside the loss). */
function monitorOf(r: RunRecord): string | undefined {
  const m = r.doc.blocks.find((b) => b.type === 'Train')?.params?.monitor;
  return typeof m === 'string' ? m : undefined;
}

/** Where a run opened from a folder was trained, and where its scores come from. */
function Origin({ o }: { o: NonNullable<RunRecord['opened']> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sources = [...new Set(Object.values(o.scoresFrom))];
  return (
    <div className="run-origin" data-testid="run-origin">
      <p>
        {o.engine === 'pytorch'
          ? t('run_origin_pytorch', { torch: o.torch ?? '?', devices: o.devices.join(', ') || '?', world: o.worldSize ?? '?', amp: o.amp ? `, ${o.amp}` : '' })
          : t('run_origin_jimu', { backend: o.backend })}
        {/* Chinese sentences follow each other without a space. */}
        {lang === 'zh' ? '' : ' '}
        {t('run_opened_from', { source: o.source })}
      </p>
      {sources.map((s) => (
        <p key={s} className="hint" data-scores-from={s}>
          {t(s === 'metrics.json' ? 'scores_from_metrics' : 'scores_from_predictions')}
        </p>
      ))}
      {o.pipelineDiffers ? <p className="train-warning">{t('run_pipeline_differs')}</p> : null}
    </div>
  );
}

/** One saved run: how it ended, its curves and its evaluation views. */
export function RunView({ id, record }: { id: string; record?: RunRecord }) {
  const { t } = useTranslation();
  const [r, setR] = useState<RunRecord | null>(record ?? null);
  useEffect(() => {
    if (record) return;
    void loadRun(runDatabase(), id).then((x) => setR(x ?? null));
  }, [id, record]);
  // One object per record: the charts are made again only for another run.
  const curves = useMemo(() => (r ? { history: r.history, batchLoss: [], bestEpoch: r.bestEpoch, monitor: monitorOf(r) } : null), [r]);
  if (!r) return <p className="hint">{t('loading')}</p>;
  return (
    <div className="run-view" data-testid="run-view" data-run={r.id}>
      <h3>{r.name}</h3>
      <p className="hint">
        {t(`stopped_${r.stoppedBecause}`, { epochs: r.history.length, best: r.bestEpoch ?? '–' })} {r.message ?? ''} · {backendName(r.backend, t)}
      </p>
      {r.opened ? <Origin o={r.opened} /> : null}
      <Curves source={curves!} />
      <EvaluationViews evaluations={r.evaluations} model={r.model} doc={r.doc} tryOnFiles={!r.opened?.pipelineDiffers} />
    </div>
  );
}
