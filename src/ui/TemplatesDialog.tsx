import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Text } from '../core';
import { editorStore, emptyDocument, useEditor } from '../store';
import type { RealExample } from '../data/real-examples';
import { openText } from './files';
import { forgetOrigin } from './team/team-store';
import { RealExampleLine, RealExampleViewer } from './real-examples';
import { useLang } from './useLang';

/** An entry of public/templates/index.json. */
export interface TemplateEntry {
  file: string;
  name: Text;
  description: Text;
  task?: string;
}

const base = import.meta.env.BASE_URL;

async function loadIndex(): Promise<TemplateEntry[]> {
  const r = await fetch(`${base}templates/index.json`);
  if (!r.ok) return [];
  const list: unknown = await r.json();
  return Array.isArray(list) ? (list as TemplateEntry[]).filter((e) => typeof e?.file === 'string' && e.name && e.description) : [];
}

/** Start from a blank canvas or a template; the list is read at run time, so new templates just appear. */
export function TemplatesDialog() {
  const { t } = useTranslation();
  const lang = useLang();
  const open = useEditor((s) => s.templatesOpen);
  const [entries, setEntries] = useState<TemplateEntry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [viewing, setViewing] = useState<RealExample | null>(null);

  useEffect(() => {
    if (!open || entries) return;
    loadIndex()
      .then(setEntries)
      .catch(() => setEntries([]));
  }, [open, entries]);

  if (!open) return null;
  const close = () => editorStore.getState().showTemplates(false);
  const blank = () => {
    const s = editorStore.getState();
    forgetOrigin();
    s.edit({ type: 'replace', document: emptyDocument(t('untitled')) });
    s.select([]);
    close();
  };
  const pick = async (e: TemplateEntry) => {
    try {
      const r = await fetch(`${base}templates/${e.file}`);
      if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
      if (openText(await r.text(), e.file, e.name[lang])) close();
      else close();
    } catch (err) {
      setProblem(t('template_failed', { detail: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <div className="dialog-backdrop" onClick={close}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={t('templates')} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && close()}>
        <h2>{t('templates')}</h2>
        <ul className="templates">
          <li>
            <button type="button" className="template" onClick={blank} autoFocus>
              <strong>{t('blank')}</strong>
              <span>{t('blank_desc')}</span>
            </button>
          </li>
          {(entries ?? []).map((e) => (
            <li key={e.file}>
              <button type="button" className="template" data-file={e.file} onClick={() => void pick(e)}>
                <strong>{e.name[lang]}</strong>
                <span>{e.description[lang]}</span>
              </button>
              <RealExampleLine entry={e} onView={setViewing} />
            </li>
          ))}
        </ul>
        {problem ? <p role="alert">{problem}</p> : null}
        {viewing ? <RealExampleViewer example={viewing} onClose={() => setViewing(null)} /> : null}
        <button type="button" onClick={close}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
