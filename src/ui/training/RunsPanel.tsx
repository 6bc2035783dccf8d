import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { editorStore, useEditor } from '../../store';
import { deleteRun, listRuns, loadRun, type RunRecord, type RunSummary } from '../../storage/run-history';
import { metricName } from '../../metrics/names';
import { formatDateTime, formatNumber } from '../format';
import { useLang } from '../useLang';
import { backendName } from './backend-name';
import { MetricName } from './MetricName';
import { downloadRun } from './download-model';
import { historyChanged, onHistoryChange, runDatabase } from './run-controller';
import { RunView } from './RunView';
import { forgetOrigin } from '../team/team-store';
import { OpenRunFolder } from './OpenRunFolder';


function useRuns(): RunSummary[] | null {
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const reload = useCallback(() => {
    listRuns(runDatabase())
      .then(setRuns)
      .catch(() => setRuns([]));
  }, []);
  useEffect(() => {
    reload();
    return onHistoryChange(reload);
  }, [reload]);
  return runs;
}

function restore(r: RunRecord): void {
  const s = editorStore.getState();
  forgetOrigin();
  s.edit({ type: 'replace', document: r.doc });
  s.select([]);
  s.requestFit();
  s.notify({ kind: 'info', key: 'run_restored', args: { name: r.name } });
}

/** Runs side by side: settings, how training ended, and the scores. */
function Compare({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const num = (v: unknown) => formatNumber(v, lang);
  const [records, setRecords] = useState<RunRecord[]>([]);
  useEffect(() => {
    void Promise.all(ids.map((id) => loadRun(runDatabase(), id))).then((rs) => setRecords(rs.filter((r): r is RunRecord => !!r)));
  }, [ids]);
  if (records.length < 2) return null;
  const last = (r: RunRecord) => r.history.at(-1)?.logs ?? {};
  const scores = (r: RunRecord) => r.evaluations[0]?.scores ?? {};
  const rows: [string, (r: RunRecord) => string][] = [
    [t('run_name'), (r) => r.name],
    [t('run_finished'), (r) => formatDateTime(r.finished, lang)],
    [t('seed'), (r) => String(r.seed)],
    [t('backend'), (r) => backendName(r.backend, t)],
    [t('epochs_run'), (r) => String(r.history.length)],
    [t('best_epoch_label'), (r) => String(r.bestEpoch ?? '–')],
    [t('stop_reason'), (r) => t(`stopped_${r.stoppedBecause}`, { epochs: r.history.length, best: r.bestEpoch ?? '–' })],
    [metricName('loss', lang), (r) => num(last(r).loss)],
    [metricName('val_loss', lang), (r) => num(last(r).val_loss)],
    [metricName('accuracy', lang), (r) => num(scores(r).accuracy)],
    [metricName('auc_macro', lang), (r) => num(scores(r).auc_macro ?? scores(r).auc)],
    [metricName('dice_mean', lang), (r) => num(scores(r).dice_mean)],
    [metricName('mae', lang), (r) => num(scores(r).mae)],
    [t('samples_per_second'), (r) => formatNumber(r.samplesPerSecond, lang, 0)],
  ];
  return (
    <div className="compare-wrap">
    <table className="compare" data-testid="run-compare">
      <tbody>
        {rows.map(([label, f]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {records.map((r) => (
              <td key={r.id}>{f(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

/** The run history: every finished run of this browser, to compare, restore, download or delete. */
export function RunsPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const runs = useRuns();
  const viewed = useEditor((s) => s.viewedRun);
  const [picked, setPicked] = useState<string[]>([]);
  const act = async (id: string, what: 'restore' | 'download' | 'delete') => {
    if (what === 'delete') {
      await deleteRun(runDatabase(), id);
      setPicked((p) => p.filter((x) => x !== id));
      if (editorStore.getState().viewedRun === id) editorStore.getState().viewRun(null);
      historyChanged();
      return;
    }
    const r = await loadRun(runDatabase(), id);
    if (!r) return;
    if (what === 'restore') restore(r);
    else downloadRun(r);
  };
  return (
    <section className="runs-panel" aria-label={t('run_history')}>
      <h2>{t('run_history')}</h2>
      <OpenRunFolder />
      {runs === null ? <p className="hint">{t('loading')}</p> : null}
      {runs?.length === 0 ? <p className="hint">{t('no_runs')}</p> : null}
      <ul className="run-list">
        {runs?.map((r) => (
          <li key={r.id} className="run-item" data-run={r.id} aria-current={viewed === r.id}>
            <label>
              <input
                type="checkbox"
                aria-label={t('compare')}
                checked={picked.includes(r.id)}
                onChange={(e) => setPicked((p) => (e.target.checked ? [...p, r.id] : p.filter((x) => x !== r.id)))}
              />{' '}
              <strong>{r.name}</strong>
            </label>
            <span className="run-meta">
              {formatDateTime(r.finished, lang)} · {backendName(r.backend, t)} · {t('seed')} {r.seed} · {t(`reason_${r.stoppedBecause}`)}
              {r.headline ? (
                <>
                  {' · '}
                  <MetricName k={r.headline.metric} /> {formatNumber(r.headline.value, lang)}
                </>
              ) : null}
            </span>
            <span className="run-buttons">
              <button type="button" onClick={() => editorStore.getState().viewRun(viewed === r.id ? null : r.id)}>
                {t('view')}
              </button>
              <button type="button" onClick={() => void act(r.id, 'restore')}>
                {t('restore')}
              </button>
              <button type="button" onClick={() => void act(r.id, 'download')}>
                {t('download_model')}
              </button>
              <button type="button" onClick={() => void act(r.id, 'delete')}>
                {t('delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {picked.length >= 2 ? <Compare ids={picked} /> : picked.length === 1 ? <p className="hint">{t('compare_hint')}</p> : null}
      {viewed ? <RunView key={viewed} id={viewed} /> : null}
    </section>
  );
}
