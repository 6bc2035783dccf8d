import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../core';
import { editorStore, useEditor, type Notice } from '../store';
import { useExportBusy } from './export/export-busy';
import { downloadDocument } from './files';
import { ProblemList } from './Inspector';
import { useLang } from './useLang';

function Body({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const lang = useLang();
  switch (notice.kind) {
    case 'refused': {
      const { message, hint } = localize(notice.reason, lang);
      return (
        <>
          <strong>{t('label_colon', { label: t('refused') })}</strong> <span className="notice-message">{message}</span> <span className="notice-hint">→ {hint}</span>
        </>
      );
    }
    case 'file-error':
      return (
        <>
          <strong>{t('file_error', { file: notice.file })}</strong>
          <ProblemList diagnostics={notice.diagnostics} />
        </>
      );
    case 'storage':
      return (
        <>
          <strong>{t(`storage_${notice.problem}`)}</strong>{' '}
          <button type="button" onClick={() => downloadDocument(editorStore.getState().doc)}>
            {t('download_copy')}
          </button>
        </>
      );
    case 'run-interrupted':
      return <strong>{t('run_interrupted', { name: notice.name })}</strong>;
    case 'info':
      return <span>{t(notice.key, notice.args ?? {})}</span>;
    case 'export-refused':
      return (
        <>
          <strong>{t(`export_${notice.reason}`)}</strong>
          <ProblemList diagnostics={notice.diagnostics} />
        </>
      );
    case 'exporting':
      return (
        <>
          <span>{t(`exporting_${notice.stage}`, { done: notice.done ?? 0, total: notice.total ?? 0 })}</span>{' '}
          <progress className="export-progress" aria-label={t('export_gpu')} {...(notice.total ? { max: notice.total, value: notice.done ?? 0 } : {})} />{' '}
          <button type="button" onClick={() => useExportBusy.getState().cancel?.()}>
            {t('export_cancel')}
          </button>
        </>
      );
    default: {
      const never: never = notice;
      return never;
    }
  }
}

/** The one place the editor speaks up: refused links, files that would not open, storage trouble. */
export function NoticeBar() {
  const { t } = useTranslation();
  const notice = useEditor((s) => s.notice);
  // A notice about the document (a refused link, a file that would not open, a message) closes when the
  // document changes: its cause is then gone or no longer what the user is looking at. Storage trouble
  // stays: it is about the browser, not the document; so does an export's progress (it exports the document
  // as it was when asked).
  useEffect(
    () =>
      editorStore.subscribe((s, prev) => {
        if (s.doc !== prev.doc && s.notice && s.notice === prev.notice && s.notice.kind !== 'storage' && s.notice.kind !== 'exporting') s.notify(null);
      }),
    [],
  );
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    // Good news fades; problems stay until dismissed or fixed.
    const id = setTimeout(() => editorStore.getState().notice === notice && editorStore.getState().notify(null), 6000);
    return () => clearTimeout(id);
  }, [notice]);
  if (!notice) return null;
  const serious = notice.kind !== 'info' && notice.kind !== 'exporting';
  return (
    <div className={`notice notice-${notice.kind}`} role={serious ? 'alert' : 'status'} data-kind={notice.kind}>
      <div className="notice-body">
        <Body notice={notice} />
      </div>
      <button type="button" className="notice-close" aria-label={t('dismiss')} onClick={() => editorStore.getState().notify(null)}>
        ×
      </button>
    </div>
  );
}
