import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../storage/storage-quota';
import type { ImportProgress } from './stream-import';

/** The locale sizes are written in: the interface language's, not the browser's. */
export const sizeLocale = (language: string) => (language.startsWith('zh') ? 'zh-CN' : 'en');

/** A running import: cases stored of all, bytes, the file being read, and Cancel. */
export function ImportProgressView({ progress, onCancel }: { progress: ImportProgress; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const size = (n: number) => formatBytes(n, sizeLocale(i18n.language));
  const cases = t('ds_import_cases', { done: progress.done, total: progress.total, bytesDone: size(progress.bytesDone), bytesTotal: size(progress.bytesTotal) });
  return (
    <div className="ds-progress ds-import-progress" data-testid="ds-import-progress">
      <progress max={progress.total} value={progress.done} aria-label={cases} />
      <div className="ds-progress-text">
        <span data-testid="ds-import-cases">{cases}</span>
        {progress.file && <span className="hint ds-progress-file">{t('ds_import_file', { file: progress.file })}</span>}
      </div>
      <button type="button" onClick={onCancel}>
        {t('ds_cancel')}
      </button>
    </div>
  );
}
