import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { offerDownload } from '../files';
import { AUDIT_NOTE_PRIVATE, AUDIT_NOTE_PSEUDONYM, AUDIT_NOTE_SET, auditCsv, auditRows, filterAuditRows, type AuditAction, type StoredAudit } from '../../data/deid/audit-log';

/** More rows than a table should hold at once; the filter narrows them, the CSV has them all. */
const SHOWN = 500;

/** Offers text as a file download. */
function downloadText(text: string, fileName: string, type: string): void {
  // A byte-order mark, so spreadsheet programs read the UTF-8 (Chinese file names) correctly.
  offerDownload(fileName, new Blob(['\ufeff', text], { type }));
}

/**
 * A stored dataset's de-identification audit log: what was done to which attribute of which file
 * (removed, emptied, replaced — with the new value —, UID remapped, kept and why), never an old value;
 * with a filter and a CSV download of the rows the filter keeps.
 */
export function AuditLogView({ audit, name }: { audit: StoredAudit | undefined; name: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const rows = useMemo(() => auditRows(audit), [audit]);
  const label = useCallback((a: AuditAction) => t(`ds_audit_action_${a}`), [t]);
  const shown = useMemo(() => filterAuditRows(rows, query, label), [rows, query, label]);
  const notes: Record<string, string> = { [AUDIT_NOTE_PRIVATE]: t('ds_audit_note_private'), [AUDIT_NOTE_SET]: t('ds_audit_note_set'), [AUDIT_NOTE_PSEUDONYM]: t('ds_audit_note_pseudonym') };
  const headings = [t('ds_audit_file'), t('ds_audit_tag'), t('ds_audit_name'), t('ds_audit_action'), t('ds_audit_value'), t('ds_audit_note')] as const;
  const download = () => {
    const stem = name.trim().replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'dataset';
    downloadText(auditCsv(shown, headings, label), `${stem}-deid-audit.csv`, 'text/csv;charset=utf-8');
  };
  return (
    <section className="ds-section ds-audit" aria-label={t('ds_audit')}>
      <h3>{t('ds_audit')}</h3>
      {rows.length === 0 ? (
        <p className="hint">{t('ds_audit_none')}</p>
      ) : (
        <>
          <p className="hint">{t('ds_audit_note_intro')}</p>
          <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? t('ds_audit_hide') : t('ds_audit_show', { count: rows.length })}
          </button>
          {open && (
            <>
              <div className="ds-audit-controls">
                <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('ds_audit_filter')} aria-label={t('ds_audit_filter')} />
                <span className="hint" aria-live="polite">
                  {t('ds_audit_count', { shown: shown.length, count: rows.length })}
                </span>
                <button type="button" onClick={download} disabled={shown.length === 0}>
                  {t('ds_audit_download')}
                </button>
              </div>
              <div className="ds-table-wrap">
                <table className="ds-table ds-audit-table">
                  <thead>
                    <tr>
                      {headings.map((h) => (
                        <th key={h}>{h}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {shown.slice(0, SHOWN).map((r, i) => (
                      <tr key={i} data-action={r.action}>
                        <td>{r.file}</td>
                        <td>{r.tag}</td>
                        <td>{r.name}</td>
                        <td>{label(r.action)}</td>
                        <td>{r.value}</td>
                        <td>{notes[r.note] ?? r.note}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {shown.length > SHOWN && <p className="hint">{t('ds_audit_more', { shown: SHOWN, count: shown.length })}</p>}
            </>
          )}
        </>
      )}
    </section>
  );
}
