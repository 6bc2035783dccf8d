import { useTranslation } from 'react-i18next';
import { editorStore } from '../../store';
import { loadRun } from '../../storage/run-history';
import { downloadRun } from './download-model';
import { runDatabase } from './run-controller';

/** What to do with a finished run: download its model, see it in the history. */
export function RunActions({ runId }: { runId: string }) {
  const { t } = useTranslation();
  return (
    <div className="run-actions">
      <button
        type="button"
        onClick={async () => {
          const r = await loadRun(runDatabase(), runId);
          if (r) downloadRun(r);
          else editorStore.getState().notify({ kind: 'info', key: 'run_not_saved' });
        }}
      >
        {t('download_model')}
      </button>{' '}
      <button type="button" onClick={() => editorStore.getState().showPanel('runs')}>
        {t('run_history')}
      </button>
    </div>
  );
}
