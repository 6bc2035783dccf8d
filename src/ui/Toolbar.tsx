import { useReactFlow, type Node } from '@xyflow/react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../core';
import { compiledFor, editorStore, isLive, layoutPositions, useEditor } from '../store';
import { downloadDocument, openFile } from './files';
import { useLang } from './useLang';
import { editorCommands } from './useShortcuts';
import { useDatasetsOpen } from './datasets/datasets-open';

async function tidyUp(nodes: readonly Node[]) {
  const s = editorStore.getState();
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
  const name = useEditor((s) => s.doc.name);
  const canUndo = useEditor((s) => s.past.length > 0);
  const selectedCount = useEditor((s) => s.selectedBlocks.length);
  const canRedo = useEditor((s) => s.future.length > 0);
  const panel = useEditor((s) => s.panel);
  const canTrain = useEditor((s) => compiledFor(s.doc).plan !== undefined);
  const training = useEditor((s) => isLive(s.run));
  return (
    <header className="toolbar">
      <h1 className="brand">
        {t('title')} <span className="tagline">{t('tagline')}</span>
      </h1>
      <input
        className="doc-name"
        key={name}
        defaultValue={name}
        aria-label={t('pipeline_name')}
        maxLength={200}
        onBlur={(e) => e.target.value !== name && editorStore.getState().edit({ type: 'set-meta', name: e.target.value || 'Untitled pipeline' })}
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
        <button type="button" onClick={() => void tidyUp(flow.getNodes())}>
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
