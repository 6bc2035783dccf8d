import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeImage } from '../../../data/decode-image';
import { DataError } from '../../../data/errors';
import type { PipelineDocument } from '../../../core';
import { compiledFor, registryFor } from '../../../store';
import type { ModelFilesWire } from '../../../worker/protocol';
import { predictImage } from '../run-controller';
import { prepareImage } from './single-image';

type Result = { kind: 'none' } | { kind: 'busy' } | { kind: 'done'; names: string[]; values: number[] } | { kind: 'error'; text: string };

/** Drop (or choose) a PNG or JPEG: the trained model says what it sees, class by class. */
export function PredictDrop({ model, doc }: { model: ModelFilesWire; doc: PipelineDocument }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<Result>({ kind: 'none' });
  const run = async (file: File) => {
    setResult({ kind: 'busy' });
    try {
      const plan = compiledFor(doc).plan;
      if (!plan) throw new Error(t('train_needs_plan'));
      const img = decodeImage(new Uint8Array(await file.arrayBuffer()), file.name);
      const { x, shape } = await prepareImage(img, plan, registryFor(doc));
      const out = await predictImage(model, x, shape);
      const values = Array.from(out.values);
      const names = values.map((_, i) => plan.labelNames[i] ?? (values.length === 1 ? plan.labelNames[0] ?? 'output' : `output ${i}`));
      setResult({ kind: 'done', names, values });
    } catch (e) {
      setResult({ kind: 'error', text: e instanceof DataError ? `${e.message} ${e.hint}` : e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div
      className="predict-drop"
      data-testid="predict-drop"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation();
        const f = e.dataTransfer.files[0];
        if (f) void run(f);
      }}
    >
      <label>
        {t('predict_drop')}{' '}
        <input
          type="file"
          accept="image/png,image/jpeg"
          data-testid="predict-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void run(f);
            e.target.value = '';
          }}
        />
      </label>
      {result.kind === 'busy' ? <p className="hint">{t('predicting')}</p> : null}
      {result.kind === 'error' ? <p className="failure-detail">{result.text}</p> : null}
      {result.kind === 'done' ? (
        <ul className="prediction" data-testid="prediction">
          {result.names.map((n, i) => (
            <li key={n}>
              <span className="pred-name">{n}</span>
              <span className="pred-bar" style={{ width: `${Math.max(0, Math.min(1, result.values[i]!)) * 100}px` }} />
              <span>{result.values[i]!.toFixed(3)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
