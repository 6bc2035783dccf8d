/**
 * monaco-editor, set up for pipeline JSON. Imported only from the lazily loaded code view, so none
 * of it is in the first paint. Workers use Vite's ESM `?worker` imports.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
// The editor features a JSON view needs, instead of editor.main's every language and feature.
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/editor/contrib/find/browser/findController.js';
import 'monaco-editor/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';
import type { Lang } from '../core';
import type { CodeMarker } from './code-markers';
import { setMonacoLanguage } from './monaco-nls';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

let schemaReady: Promise<void> | null = null;

function configureSchema(): Promise<void> {
  schemaReady ??= fetch(`${import.meta.env.BASE_URL}pipeline.schema.json`)
    .then((r) => r.json())
    .then((schema: unknown) => {
      // The schema still drives completion; the squiggles are Jimu's own (see setMarkers), worded by the
      // diagnostics catalogue in the interface's language instead of the JSON worker's English.
      jsonDefaults.setDiagnosticsOptions({
        validate: false,
        schemaValidation: 'ignore',
        allowComments: false,
        schemas: [{ uri: 'https://jimu.dev/schema/pipeline-1.schema.json', fileMatch: ['*.pipeline.json'], schema: schema as never }],
      });
    })
    .catch(() => undefined);
  return schemaReady;
}

export interface JsonEditor {
  getText(): string;
  setText(text: string): void;
  /** Shows these problems as squiggles, with their message on hover. */
  setMarkers(markers: readonly CodeMarker[]): void;
  /** Monaco's own words (menus, the find box, screen-reader texts) and the editor's label in this language. */
  setLanguage(lang: Lang, label: string): void;
  dispose(): void;
}

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;

let counter = 0;

/** Makes the editor in `host`; null when `cancelled()` turns true while the schema and translation load. */
export async function createJsonEditor(host: HTMLElement, text: string, onChange: (text: string) => void, lang: Lang, label: string, cancelled: () => boolean = () => false): Promise<JsonEditor | null> {
  await Promise.all([configureSchema(), setMonacoLanguage(lang)]);
  if (cancelled()) return null;
  host.replaceChildren();
  const model = monaco.editor.createModel(text, 'json', monaco.Uri.parse(`inmemory://jimu/${++counter}.pipeline.json`));
  const editor = monaco.editor.create(host, { model, ariaLabel: label, automaticLayout: true, minimap: { enabled: false }, wordWrap: 'on', fontSize: 13, tabSize: 2, scrollBeyondLastLine: false });
  let applying = false;
  const sub = model.onDidChangeContent(() => {
    if (!applying) onChange(model.getValue());
  });
  return {
    getText: () => model.getValue(),
    setText: (t) => {
      applying = true;
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: t }], () => null);
      applying = false;
    },
    setMarkers: (markers) => monaco.editor.setModelMarkers(model, 'jimu', markers.map((m) => ({ ...m, severity: SEVERITY[m.severity] }))),
    setLanguage: (l, ariaLabel) => {
      void setMonacoLanguage(l).then(() => editor.updateOptions({ ariaLabel }));
    },
    dispose: () => {
      sub.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
