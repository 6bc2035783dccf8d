import { useMemo, useState } from 'react';
import { own } from '../../core';
import { useTranslation } from 'react-i18next';
import { datasetPorts, exampleCount, previewTarget, type PreviewTarget } from '../../data/preview/request';
import { compiledFor, registryFor, useEditor } from '../../store';
import { useLang } from '../useLang';
import { ExampleView } from './ExampleView';
import { useDataPreview } from './useDataPreview';
import type { PreviewFailure } from '../../worker/preview-run';

/**
 * The first example of the stream as it leaves a data block (a source or a preprocessing step),
 * computed in the preview worker; for a block with several dataset outputs (a split), the user picks one.
 */
export function DataPreview({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const doc = useEditor((s) => s.doc);
  const compiled = compiledFor(doc);
  const outputs = own(compiled.outputs, id);
  const ports = datasetPorts(outputs);
  const [port, setPort] = useState<string | undefined>(undefined);
  const seed = compiled.plan?.seed ?? doc.meta.seed;
  const target = useMemo(() => previewTarget(id, outputs, seed, port), [id, outputs, seed, port]);
  const def = registryFor(doc).get(doc.blocks.find((b) => b.id === id)?.type ?? '');
  return (
    <section className="data-preview" aria-label={t('pv_title')}>
      <h3>{t('pv_title')}</h3>
      {ports.length > 1 ? (
        <div className="pv-ports" role="group" aria-label={t('pv_output')}>
          {ports.map((p) => (
            <button key={p} type="button" aria-pressed={(target?.port ?? ports[0]) === p} onClick={() => setPort(p)}>
              {own(def?.outputs, p)?.label?.[lang] ?? p}
            </button>
          ))}
        </div>
      ) : null}
      {target ? <PreviewBody key={target.key} target={target} /> : <p className="hint" data-testid="data-preview" data-state="not-ready">{t('pv_not_ready')}</p>}
    </section>
  );
}

function PreviewBody({ target }: { target: PreviewTarget }) {
  const { t } = useTranslation();
  const state = useDataPreview(target);
  if (state.status === 'loading') {
    return (
      <p className="pv-loading" data-testid="data-preview" data-state="loading" aria-busy="true">
        <span className="pv-spinner" aria-hidden="true" /> {t('pv_loading')}
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="pv-error" role="status" data-testid="data-preview" data-state="failed" data-code={state.outcome.failure.code}>
        <FailureText failure={state.outcome.failure} />
      </div>
    );
  }
  const { example, ms } = state.outcome;
  return (
    <div data-testid="data-preview" data-state="done" data-ms={Math.round(state.wallMs ?? 0)}>
      <ExampleView example={example} count={exampleCount(target, example.n)} />
      <p className="hint small pv-timing">{state.cached ? t('pv_cached') : t('pv_time', { ms: Math.max(1, Math.round(ms)) })}</p>
    </div>
  );
}

function FailureText({ failure }: { failure: PreviewFailure }) {
  const { t } = useTranslation();
  switch (failure.code) {
    case 'missing-data':
      return <p>{t('pv_err_missing', { path: failure.path })}</p>;
    case 'data':
      return (
        <>
          <p>{t('pv_err_data')}</p>
          <p className="pv-detail">
            {failure.message}
            {failure.hint ? <> → {failure.hint}</> : null}
          </p>
        </>
      );
    case 'empty':
      return <p>{t('pv_err_empty')}</p>;
    case 'failed':
      return <p>{t('pv_err_failed', { message: failure.message })}</p>;
    default: {
      const never: never = failure;
      return never;
    }
  }
}
