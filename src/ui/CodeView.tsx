import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDocument, serializeDocument, type Diagnostic } from '../core';
import { editorStore, useEditor } from '../store';
import { ProblemList } from './Inspector';
import { createJsonEditor, type JsonEditor } from './monaco';

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
  const doc = useEditor((s) => s.doc);

  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void createJsonEditor(host.current!, serializeDocument(editorStore.getState().doc), (text) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const r = parseDocument(text);
        setProblems(r.diagnostics);
        if (!r.document) return;
        const current = editorStore.getState().doc;
        if (serializeDocument(r.document) !== serializeDocument(current)) editorStore.getState().edit({ type: 'replace', document: r.document });
      }, 400);
    }).then((e) => {
      if (disposed) e.dispose();
      else editor.current = e;
    });
    return () => {
      disposed = true;
      clearTimeout(timer);
      editor.current?.dispose();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const text = e.getText();
    const r = parseDocument(text);
    const shown = r.document ? serializeDocument(r.document) : null;
    if (shown !== serializeDocument(doc)) e.setText(serializeDocument(doc));
  }, [doc]);

  return (
    <section className="code-view" aria-label={t('code_title')}>
      <h2>{t('code_title')}</h2>
      <p className="hint">{t('code_hint')}</p>
      <div className="code-host" ref={host} data-testid="code-host">
        <p className="hint">{t('code_loading')}</p>
      </div>
      {problems.length ? (
        <div className="code-problems" role="alert">
          <strong>{t('code_invalid')}</strong>
          <ProblemList diagnostics={problems} />
        </div>
      ) : null}
    </section>
  );
}
