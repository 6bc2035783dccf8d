import { useTranslation } from 'react-i18next';
import type { StoredDataset } from '../../storage/datasets-db';

/** An import that stopped part-way (reload, Cancel, full storage): resume it from the same folder, or discard it. */
export function UnfinishedImport({ dataset, busy, onResume, onDiscard }: { dataset: StoredDataset & { import: NonNullable<StoredDataset['import']> }; busy: boolean; onResume: (files: FileList) => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  const title = t('ds_unfinished_title', { name: dataset.name });
  return (
    <section className="ds-section ds-unfinished" aria-label={title} role="region">
      <h3>{title}</h3>
      <p role="note">{t('ds_unfinished', { name: dataset.name, done: dataset.import.done, total: dataset.import.cases })}</p>
      <label className={`button-like${busy ? ' disabled' : ''}`}>
        {t('ds_resume', { root: dataset.import.root })}
        <input type="file" multiple hidden disabled={busy} data-testid="ds-resume" {...{ webkitdirectory: '' }} onChange={(e) => e.target.files && onResume(e.target.files)} />
      </label>
      <button type="button" onClick={onDiscard} disabled={busy}>
        {t('ds_discard')}
      </button>
      <p className="hint">{t('ds_resume_hint')}</p>
    </section>
  );
}
