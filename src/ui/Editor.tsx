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

/** monaco is large: the code view and everything it needs load only when it is opened. */
const CodeView = lazy(() => import('./CodeView'));

function SidePanel() {
  const { t } = useTranslation();
  const panel = useEditor((s) => s.panel);
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
      </div>
    </ReactFlowProvider>
  );
}
