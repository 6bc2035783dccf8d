import { useReactFlow, type Node } from '@xyflow/react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../core';
import { compiledFor, DEFAULT_NAME, editorStore, isLive, layoutPositions, useEditor } from '../store';
import { downloadDocument, openFile } from './files';
import { useLang } from './useLang';
import type { Viewport } from './readable-view';
import { rememberView } from './view-memory';
import { editorCommands } from './useShortcuts';
import { useDatasetsOpen } from './datasets/datasets-open';
import { useExportBusy } from './export/export-busy';
import { TeamButton } from './team/TeamButton';

async function tidyUp(nodes: readonly Node[], view: Viewport) {
  const s = editorStore.getState();
  rememberView(s.doc, view);
  const sizes: Record<string, { width: number; height: number }> = {};
  for (const n of nodes) if (n.measured?.width && n.measured.height) sizes[n.id] = { width: n.measured.width, height: n.measured.height };
  const positions = await layoutPositions(s.doc, sizes);
  s.edit({ type: 'move', positions });
  s.requestFit();
}

/** The commands along the top: documents, history, view, language. */
export function Toolbar({ onLanguage }: { onLanguage: (lang: Lang) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const flow = useReactFlow();
  const fileInput = useRef<HTMLInputElement>(null);
  // The layout is computed off the main thread; the button says it is busy until the blocks have moved.
  const [tidying, setTidying] = useState(false);
  const name = useEditor((s) => s.doc.name);
  const canUndo = useEditor((s) => s.past.length > 0);
  const selectedCount = useEditor((s) => s.selectedBlocks.length);
  const canRedo = useEditor((s) => s.future.length > 0);
  const panel = useEditor((s) => s.panel);
  const canTrain = useEditor((s) => compiledFor(s.doc).plan !== undefined);
  const training = useEditor((s) => isLive(s.run));
  const exporting = useExportBusy((s) => s.busy);
  return (
    <header className="toolbar">
      <h1 className="brand">
        {t('title')} <span className="tagline">{t('tagline')}</span>
      </h1>
      <input
        className="doc-name"
        key={`${name}:${lang}`}
        // The name every new document has is shown in the interface's language.
        defaultValue={name === DEFAULT_NAME ? t('untitled') : name}
        aria-label={t('pipeline_name')}
        maxLength={200}
        onBlur={(e) => e.target.value !== e.target.defaultValue && editorStore.getState().edit({ type: 'set-meta', name: e.target.value || t('untitled') })}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      <div className="toolbar-group">
        <button type="button" onClick={() => editorStore.getState().showTemplates(true)}>
          {t('new')}
        </button>
        <button type="button" onClick={() => useDatasetsOpen.getState().setOpen(true)}>
          {t('datasets')}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('open')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="open-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void openFile(f);
            e.target.value = '';
          }}
        />
        <button type="button" onClick={() => downloadDocument(editorStore.getState().doc)}>
          {t('save')}
        </button>
        <TeamButton />
      </div>
      <div className="toolbar-group">
        <button type="button" disabled={!canUndo} onClick={() => editorStore.getState().undo()} title="Ctrl+Z">
          {t('undo')}
        </button>
        <button type="button" disabled={!canRedo} onClick={() => editorStore.getState().redo()} title="Ctrl+Shift+Z">
          {t('redo')}
        </button>
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          disabled={selectedCount === 0}
          title={t('group_title')}
          onClick={() => {
            const error = editorCommands.group(t('group_label'));
            if (error) editorStore.getState().notify({ kind: 'info', key: 'composite_error', args: { text: error } });
          }}
        >
          {t('group')}
        </button>
        <button
          type="button"
          aria-busy={tidying}
          disabled={tidying}
          onClick={() => {
            setTidying(true);
            void tidyUp(flow.getNodes(), flow.getViewport()).finally(() => setTidying(false));
          }}
        >
          {t('layout')}
        </button>
        <button type="button" onClick={() => void flow.fitView({ padding: 0.15, maxZoom: 1.2 })}>
          {t('fit')}
        </button>
        <button type="button" aria-pressed={panel === 'code'} onClick={() => editorStore.getState().showPanel(panel === 'code' ? 'inspector' : 'code')}>
          {t('code')}
        </button>
      </div>
      <div className="toolbar-group">
        <button type="button" className="train-button" disabled={!canTrain || training} title={canTrain ? t('train_title') : t('train_needs_plan')} onClick={() => void import('./training/run-controller').then((m) => m.startTraining())}>
          {training ? t('training_now') : t('train')}
        </button>
        {/* Enabled whatever the pipeline's state: pressed, it says what stops the export. Loaded on first use. */}
        <button type="button" aria-busy={exporting} disabled={exporting} title={t('export_gpu_title')} onClick={() => void import('./export/export-gpu').then((m) => m.exportForGpu())}>
          {exporting ? t('export_gpu_busy') : t('export_gpu')}
        </button>
        <button type="button" aria-pressed={panel === 'training'} onClick={() => editorStore.getState().showPanel(panel === 'training' ? 'inspector' : 'training')}>
          {t('dashboard')}
        </button>
        <button type="button" aria-pressed={panel === 'runs'} onClick={() => editorStore.getState().showPanel(panel === 'runs' ? 'inspector' : 'runs')}>
          {t('runs')}
        </button>
      </div>
      <label className="lang">
        {t('language')}{' '}
        <select aria-label={t('language')} value={lang} onChange={(e) => onLanguage(e.target.value as Lang)}>
          <option value="en">English</option>
          <option value="zh">简体中文</option>
        </select>
      </label>
    </header>
  );
}
