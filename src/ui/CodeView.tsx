import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDocument, serializeDocument, type Diagnostic, type Lang } from '../core';
import { compiledFor, editorStore, isLive, useEditor } from '../store';
import { codeMarkers } from './code-markers';
import { ProblemList } from './Inspector';
import type { JsonEditor } from './monaco';
import { monacoMenusLanguage, noteMonacoLoaded, setMonacoLanguage } from './monaco-nls';
import { useLang } from './useLang';

/**
 * The document as JSON in monaco-editor (this module and monaco load only when the view opens),
 * checked against the JSON Schema as the user types. Text that parses as a pipeline is applied to
 * the canvas; the canvas's own edits flow back into the text.
 */
export default function CodeView() {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<JsonEditor | null>(null);
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const lang = useLang();
  const doc = useEditor((s) => s.doc);
  const compiled = compiledFor(doc);

  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const el = host.current!;
    const onText = (text: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const r = parseDocument(text);
        setProblems(r.diagnostics);
        if (!r.document) return;
        const current = editorStore.getState().doc;
        if (serializeDocument(r.document) !== serializeDocument(current)) editorStore.getState().edit({ type: 'replace', document: r.document });
      }, 400);
    };
    // Monaco names its actions when its modules load: its translation goes first, then Monaco. A view
    // closed meanwhile makes no editor (React's development mode mounts each view twice).
    void (async () => {
      await setMonacoLanguage(lang);
      const { createJsonEditor } = await import('./monaco');
      noteMonacoLoaded(lang);
      if (disposed) return;
      const e = await createJsonEditor(el, serializeDocument(editorStore.getState().doc), onText, lang, t('code_title'), () => disposed);
      if (!e) return;
      if (disposed) e.dispose();
      else {
        editor.current = e;
        setReady(true);
      }
    })().catch((err: unknown) => {
      // A failed download or a broken module would otherwise leave the box blank for good.
      if (!disposed) setFailure(err instanceof Error ? err.message : String(err));
    });
    return () => {
      disposed = true;
      clearTimeout(timer);
      editor.current?.dispose();
      editor.current = null;
    };
    // The editor is made once; the language and label follow below.
  }, []);

  useEffect(() => {
    editor.current?.setLanguage(lang, t('code_title'));
  }, [lang, t, ready]);

  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const text = e.getText();
    const r = parseDocument(text);
    const shown = r.document ? serializeDocument(r.document) : null;
    if (shown !== serializeDocument(doc)) e.setText(serializeDocument(doc));
  }, [doc]);

  // The squiggles say what the lists below say, in the same words: the text's own problems while it is
  // not a pipeline, else the applied document's.
  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    e.setMarkers(codeMarkers(e.getText(), problems.length ? problems : compiled.diagnostics, lang));
  }, [problems, compiled, lang, ready, doc]);

  return (
    <section className="code-view" aria-label={t('code_title')}>
      <h2>{t('code_title')}</h2>
      <p className="hint">{t('code_hint')}</p>
      {ready && <MenusLanguageNote lang={lang} />}
      <div className="code-host" ref={host} data-testid="code-host">
        {failure ? (
          <p className="code-failure" role="alert">
            {t('code_load_failed', { reason: failure })}
          </p>
        ) : (
          <p className="hint">{t('code_loading')}</p>
        )}
      </div>
      {problems.length ? (
        <div className="code-problems" role="alert">
          <strong>{t('code_invalid')}</strong>
          <ProblemList diagnostics={problems} />
        </div>
      ) : (
        // The applied document's problems, as the inspector shows them: a refused value typed here is kept
        // and reported in the same words as one typed in the inspector.
        <div className="code-problems code-compiled" aria-label={t('problems')} role="region">
          <strong>{t('problems')}</strong>
          <ProblemList diagnostics={compiled.diagnostics} />
        </div>
      )}
    </section>
  );
}

/**
 * After the interface language changes, Monaco's own menus keep the language they loaded in until a
 * reload: say so, and offer the reload once the document is saved and no run would be cut short.
 */
function MenusLanguageNote({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const saveState = useEditor((s) => s.saveState);
  const running = useEditor((s) => isLive(s.run));
  const menus = monacoMenusLanguage();
  if (!menus || menus === lang) return null;
  const canReload = saveState === 'saved' && !running;
  return (
    <p className="hint code-menus-note" role="note" data-testid="code-menus-note">
      {t('code_menus_language')}{' '}
      {canReload ? (
        <button type="button" onClick={() => location.reload()}>
          {t('code_menus_reload')}
        </button>
      ) : (
        t(running ? 'code_menus_after_run' : 'code_menus_after_save')
      )}
    </p>
  );
}
