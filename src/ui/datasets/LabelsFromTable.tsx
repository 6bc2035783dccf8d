import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodedError, localizeError } from '../../core/diagnostics/coded-error';
import { guessLabelColumns, manifestFromLabelTable, type LabelColumns, type LabelManifest, type ScanRef } from '../../data/label-manifest';
import { parseManifest } from '../../data/volume-folder';
import { useLang } from '../useLang';

/** A table the user can take labels from: one they pick, or a CSV that came with the folder. */
export interface LabelTableFile {
  name: string;
  text: string;
}

/** What a manifest would give, counted per label by the Volume Folder block's own reader, before the user applies it. */
function countLabels(m: LabelManifest): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of parseManifest(m.text, m.path).items) if (item.label !== undefined && item.label !== '') counts[String(item.label)] = (counts[String(item.label)] ?? 0) + 1;
  return counts;
}

/**
 * Labels for an imported folder from a table the user already has (a spreadsheet saved as CSV): they
 * pick it, say which column names the scans and which holds the label, see the counts and the scans
 * left without a label, and Jimu writes the manifest. Nobody writes one by hand.
 */
export function LabelsFromTable({ scans, tables, onApply }: { scans: readonly ScanRef[]; tables: readonly LabelTableFile[]; onApply: (m: LabelManifest) => Promise<void> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [picked, setPicked] = useState<{ table: LabelTableFile; header: string[]; columns: LabelColumns } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const explain = (e: unknown) => (e instanceof CodedError ? Object.values(localizeError(e.diagnostic, lang)).filter(Boolean).join(' ') : String((e as Error)?.message ?? e));

  const choose = (table: LabelTableFile) => {
    try {
      const { header, guess } = guessLabelColumns(table.text, scans, table.name);
      setPicked({ table, header, columns: { ...guess, modality: 'image' } });
      setProblem(null);
    } catch (e) {
      setPicked(null);
      setProblem(explain(e));
    }
  };
  const preview = useMemo(() => {
    if (!picked) return null;
    try {
      return manifestFromLabelTable(picked.table.text, picked.columns, scans, picked.table.name);
    } catch {
      return null;
    }
  }, [picked, scans]);
  const set = (key: keyof LabelColumns, value: string) => picked && setPicked({ ...picked, columns: { ...picked.columns, [key]: value } });
  const columnSelect = (key: 'image' | 'label' | 'patient', label: string, optional = false) => (
    <label>
      {label}{' '}
      <select value={picked?.columns[key] ?? ''} onChange={(e) => set(key, e.target.value)} data-column={key}>
        {optional && <option value="">{t('ds_col_none')}</option>}
        {picked?.header.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="ds-section ds-from-table" aria-label={t('ds_from_table')}>
      <h4>{t('ds_from_table')}</h4>
      <p className="hint">{t('ds_from_table_hint')}</p>
      <div className="ds-from-table-pick">
        <label className="button-like">
          {t('ds_choose_table')}
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            hidden
            data-testid="ds-label-csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then((text) => choose({ name: file.name, text }));
            }}
          />
        </label>
        {tables.map((tb) => (
          <button key={tb.name} type="button" onClick={() => choose(tb)}>
            {t('ds_use_table', { file: tb.name })}
          </button>
        ))}
      </div>
      {picked && (
        <div className="ds-columns">
          <p>{t('ds_table_chosen', { file: picked.table.name })}</p>
          {columnSelect('image', t('ds_col_image'))}
          {columnSelect('label', t('ds_col_label'))}
          {columnSelect('patient', t('ds_col_patient'), true)}
          <label>
            {t('ds_col_modality')} <input value={picked.columns.modality ?? ''} onChange={(e) => set('modality', e.target.value)} size={8} />
          </label>
        </div>
      )}
      {preview && (
        <div className="ds-from-table-preview" data-testid="ds-label-preview">
          <ul className="ds-counts">
            {Object.entries(countLabels(preview)).sort(([a], [b]) => a.localeCompare(b)).map(([label, n]) => (
              <li key={label}>
                <b>{t('label_colon', { label })}</b> {n}
              </li>
            ))}
          </ul>
          <p>{preview.unlabelled.length ? t('ds_missing', { items: preview.unlabelled.join(lang === 'zh' ? '、' : ', ') }) : t('ds_missing_none')}</p>
          {preview.unmatched.length > 0 && <p className="ds-warning">{t('ds_unmatched', { count: preview.unmatched.length, items: preview.unmatched.join(lang === 'zh' ? '、' : ', ') })}</p>}
          <button
            type="button"
            disabled={busy || preview.labelled === 0}
            onClick={() => {
              setBusy(true);
              void onApply(preview)
                .catch((e: unknown) => setProblem(explain(e)))
                .finally(() => setBusy(false));
            }}
          >
            {t('ds_use_labels', { count: preview.labelled })}
          </button>
        </div>
      )}
      {problem && (
        <p className="ds-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
