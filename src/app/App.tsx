import { useEffect, useState } from 'react';
import { editorStore } from '../store';
import { Editor } from '../ui/Editor';
import { boot } from './boot';
import { setLanguage } from './i18n';

/** Restores the last session, then shows the editor. */
export function App() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void boot(editorStore)
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .finally(() => !cancelled && setReady(true));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);
  if (!ready) return <div className="loading" aria-busy="true" />;
  return <Editor onLanguage={setLanguage} />;
}
