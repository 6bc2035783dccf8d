import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../core';
import { useEditor } from '../store';
import { Canvas } from './Canvas';
import { Inspector } from './Inspector';
import { NoticeBar } from './NoticeBar';
import { Palette } from './Palette';
import { StatusBar } from './StatusBar';
import { TemplatesDialog } from './TemplatesDialog';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './useShortcuts';
import { useDatasetsOpen } from './datasets/datasets-open';

/** monaco is large: the code view and everything it needs load only when it is opened. */
const CodeView = lazy(() => import('./CodeView'));
/** The dashboard and the history (uPlot, the evaluation views) load when first opened too. */
const TrainingPanel = lazy(() => import('./training/TrainingPanel').then((m) => ({ default: m.TrainingPanel })));
/** The datasets page (readers, de-identification, statistics) loads when first opened. */
const DatasetsPage = lazy(() => import('./datasets/DatasetsPage'));
const RunsPanel = lazy(() => import('./training/RunsPanel').then((m) => ({ default: m.RunsPanel })));

function SidePanel() {
  const { t } = useTranslation();
  const panel = useEditor((s) => s.panel);
  if (panel === 'training' || panel === 'runs') {
    return (
      <aside className="side-panel wide training-side">
        <Suspense fallback={<p className="hint">{t('loading')}</p>}>{panel === 'training' ? <TrainingPanel /> : <RunsPanel />}</Suspense>
      </aside>
    );
  }
  if (panel === 'code') {
    return (
      <aside className="side-panel wide">
        <Suspense fallback={<p className="hint">{t('code_loading')}</p>}>
          <CodeView />
        </Suspense>
      </aside>
    );
  }
  return (
    <aside className="side-panel">
      <Inspector />
    </aside>
  );
}

function DatasetsOverlay() {
  const open = useDatasetsOpen((s) => s.open);
  return open ? (
    <Suspense fallback={null}>
      <DatasetsPage />
    </Suspense>
  ) : null;
}

/** The pipeline editor: palette, canvas, inspector or code, status, notices. */
export function Editor({ onLanguage }: { onLanguage: (lang: Lang) => void }) {
  useShortcuts();
  return (
    <ReactFlowProvider>
      <div className="editor">
        <Toolbar onLanguage={onLanguage} />
        <NoticeBar />
        <div className="editor-body">
          <Palette />
          <Canvas />
          <SidePanel />
        </div>
        <StatusBar />
        <TemplatesDialog />
        <DatasetsOverlay />
      </div>
    </ReactFlowProvider>
  );
}
