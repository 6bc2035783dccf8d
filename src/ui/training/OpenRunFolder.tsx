import { useState } from 'react';
import { CodeSpans } from '../code-spans';
import { useTranslation } from 'react-i18next';
import { localizeError, type CodedErrorData } from '../../core/diagnostics/coded-error';
import { useLang } from '../useLang';
import { readRunChoice, saveOpened, type OpenRunState } from './open-run';

/** Coded problems in the interface's language, message then hint. */
function Problems({ items, role }: { items: CodedErrorData[]; role?: 'alert' }) {
  const lang = useLang();
  if (!items.length) return null;
  return (
    <ul className="open-run-problems" role={role}>
      {items.map((e, i) => {
        const { message, hint } = localizeError(e, lang);
        return (
          <li key={i} data-code={e.code}>
            {message} <span className="hint">{hint}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** "Open run folder…" and "Open run zip…": a run trained elsewhere comes into the history. */
export function OpenRunFolder() {
  const { t } = useTranslation();
  const lang = useLang();
  const [state, setState] = useState<OpenRunState>({ phase: 'idle' });
  const choose = async (files: FileList | null, kind: 'folder' | 'zip') => {
    const list = files ? [...files] : [];
    if (!list.length) return;
    setState({ phase: 'reading', source: kind === 'zip' ? list[0]!.name : (list[0]!.webkitRelativePath.split('/')[0] ?? '') });
    try {
      setState(await readRunChoice(list, kind));
    } catch (e) {
      setState({ phase: 'refused', source: list[0]!.name, errors: [{ code: 'J770', args: { detail: e instanceof Error ? e.message : String(e) } }], warnings: [] });
    }
  };
  const busy = state.phase === 'reading';
  return (
    <div className="open-run" data-testid="open-run">
      <div className="run-buttons">
        <label className="file-button">
          {t('open_run_folder')}
          <input
            type="file"
            data-testid="open-run-folder"
            disabled={busy}
            // The folder picker: a run folder is chosen whole, its files read only when a run shows them.
            {...{ webkitdirectory: '', directory: '' }}
            multiple
            onChange={(e) => {
              void choose(e.target.files, 'folder');
              e.target.value = '';
            }}
          />
        </label>
        <label className="file-button">
          {t('open_run_zip')}
          <input
            type="file"
            accept=".zip,application/zip"
            data-testid="open-run-zip"
            disabled={busy}
            onChange={(e) => {
              void choose(e.target.files, 'zip');
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {state.phase === 'idle' ? <p className="hint"><CodeSpans text={t('open_run_hint')} /></p> : null}
      {state.phase === 'reading' ? <p className="hint" aria-busy="true">{t('open_run_reading', { source: state.source })}</p> : null}
      {state.phase === 'refused' ? (
        <div className="open-run-result" data-testid="open-run-refused">
          <p className="train-warning">{t('open_run_refused', { source: state.source })}</p>
          <Problems items={state.errors} role="alert" />
          <Problems items={state.warnings} />
          <button type="button" onClick={() => setState({ phase: 'idle' })}>{t('open_run_dismiss')}</button>
        </div>
      ) : null}
      {state.phase === 'confirm' ? (
        <div className="open-run-result" data-testid="open-run-confirm">
          <Problems items={[{ code: 'J771', args: { doc: lang === 'zh' ? `“${state.doc.name}”` : `"${state.doc.name}"`, reason: state.reason, run: state.run.name } }, ...state.warnings]} role="alert" />
          <p>{t('open_run_confirm', { source: state.source })}</p>
          <span className="run-buttons">
            <button type="button" onClick={() => void saveOpened(state.source, state.run, state.doc, true, state.warnings).then(setState)}>
              {t('open_run_anyway')}
            </button>
            <button type="button" onClick={() => setState({ phase: 'idle' })}>
              {t('open_run_cancel')}
            </button>
          </span>
        </div>
      ) : null}
      {state.phase === 'opened' ? (
        <div className="open-run-result" data-testid="open-run-opened">
          <p>{t('open_run_opened', { source: state.source })}</p>
          <Problems items={state.warnings} />
          <button type="button" onClick={() => setState({ phase: 'idle' })}>{t('open_run_dismiss')}</button>
        </div>
      ) : null}
    </div>
  );
}
