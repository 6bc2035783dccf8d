import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeImage } from '../../../data/decode-image';
import { readVolume } from '../../../data/medical';
import type { RealExample } from '../../../data/real-examples';
import { DataError } from '../../../data/errors';
import type { FittedVolume } from '../../../data/real-examples';
import type { PipelineDocument, SlidingWindowSettings } from '../../../core';
import { compiledFor, registryFor } from '../../../store';
import type { ModelFilesWire } from '../../../worker/protocol';
import { SliceViewer } from '../../datasets/SliceViewer';
import { fetchRealExample, realExampleName, useRealExamplesFor } from '../../real-examples';
import { formatNumber } from '../../format';
import { useLang } from '../../useLang';
import { predictImage } from '../run-controller';
import { prepareImage } from './single-image';
import { prepareVolume, volumeMismatch } from './single-volume';

/** The user's own photo as they gave it, for showing beside its prediction. */
interface Shown {
  url: string;
  name: string;
}

type Result = { kind: 'none' } | { kind: 'busy' } | { kind: 'done'; names: string[]; values: number[]; notes?: string[]; fitted?: FittedVolume; bars?: boolean; shown?: Shown } | { kind: 'error'; text: string };

const IMAGE_TYPE = (name: string) => (/\.jpe?g$/i.test(name) ? 'image/jpeg' : 'image/png');

/**
 * Drop (or choose) a PNG or JPEG: the trained model says what it sees, class by class. Offered only to
 * a model with one 2D image input and one value per label; a volume model gets its real examples only,
 * and a model with an output per voxel (segmentation, dose) gets no such section at all.
 */
export function PredictDrop({ model, doc }: { model: ModelFilesWire; doc: PipelineDocument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [result, setResult] = useState<Result>({ kind: 'none' });
  // The shown photo's object URL lives as long as its result.
  const shownUrl = result.kind === 'done' ? result.shown?.url : undefined;
  useEffect(() => (shownUrl ? () => URL.revokeObjectURL(shownUrl) : undefined), [shownUrl]);
  // Real example files (public/samples) this pipeline's trained model can be tried on.
  const examples = useRealExamplesFor(doc.blocks.map((b) => b.type));
  const plan = compiledFor(doc).plan;
  const perVoxel = plan?.task === 'segmentation' || plan?.task === 'dense-regression';
  const takesImage = !plan || (plan.model.inputs.length === 1 && plan.model.inputs[0]!.shape.length === 4 && !perVoxel);
  if (!takesImage && (perVoxel || examples.length === 0)) return null;
  // A dropped file and a real example take the same path: bytes → Jimu's reader → the model's input → the worker.
  const run = async (load: () => Promise<Uint8Array>, name: string, kind: RealExample['kind'] = 'image') => {
    setResult({ kind: 'busy' });
    try {
      if (!plan) throw new Error(t('train_needs_plan'));
      let input: { x: Float32Array; shape: number[]; slidingWindow?: Partial<SlidingWindowSettings> };
      const notes: string[] = [];
      let fitted: FittedVolume | undefined;
      let shown: Shown | undefined;
      if (kind === 'image') {
        const bytes = await load();
        input = await prepareImage(decodeImage(bytes, name), plan, registryFor(doc));
        shown = { url: URL.createObjectURL(new Blob([bytes.slice()], { type: IMAGE_TYPE(name) })), name };
      } else {
        const prepared = await prepareVolume(await readVolume(await load()), plan, registryFor(doc));
        input = prepared;
        // A copy to show: the input's buffer is handed over to the worker.
        fitted = { ...prepared.fitted, x: prepared.fitted.x.slice() };
        notes.push(t('real_fit', { file: name, voxel: prepared.fitted.voxel.toFixed(1), shape: prepared.fitted.shape.slice(0, 3).join(' × ') }));
      }
      // A volume larger than the input of a model trained on patches goes window by window, as its Evaluate block says.
      const out = await predictImage(model, input.x, input.shape, input.slidingWindow);
      const values = Array.from(out.values);
      const names = values.map((_, i) => plan.labelNames[i] ?? (values.length === 1 ? plan.labelNames[0] ?? 'output' : `output ${i}`));
      // Bars for probabilities; a regression value (an age in years) is shown as a number only.
      setResult({ kind: 'done', names, values, notes, bars: plan.task !== 'regression' && plan.task !== 'dense-regression', ...(fitted ? { fitted } : {}), ...(shown ? { shown } : {}) });
    } catch (e) {
      setResult({ kind: 'error', text: e instanceof DataError ? `${e.message} ${e.hint}` : e instanceof Error ? e.message : String(e) });
    }
  };
  const fileBytes = (f: File) => f.arrayBuffer().then((b) => new Uint8Array(b));
  return (
    <>
      <h3>{t('predict_one')}</h3>
      <div
        className="predict-drop"
        data-testid="predict-drop"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          e.stopPropagation();
          const f = e.dataTransfer.files[0];
          if (f) void run(() => fileBytes(f), f.name);
        }}
      >
        {takesImage ? (
          <label>
            {t('predict_drop')}{' '}
            <input
              type="file"
              accept="image/png,image/jpeg"
              data-testid="predict-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void run(() => fileBytes(f), f.name);
                e.target.value = '';
              }}
            />
          </label>
        ) : null}
        {examples.map((e) => {
          const why = e.kind === 'volume' && plan ? volumeMismatch(plan) : null;
          return (
            <div key={e.file} className="real-try">
              <button type="button" data-testid="real-try" data-file={e.file} disabled={result.kind === 'busy' || why !== null} onClick={() => void run(() => fetchRealExample(e), realExampleName(e), e.kind)}>
                {e.tryLabel?.[lang] ?? t('real_try', { title: e.title[lang] })}
              </button>
              {why ? <p className="failure-detail">{t(why.key, { ...why.values, file: realExampleName(e) })}</p> : null}
            </div>
          );
        })}
        {result.kind === 'busy' ? <p className="hint">{t('predicting')}</p> : null}
        {result.kind === 'error' ? <p className="failure-detail">{result.text}</p> : null}
        {result.kind === 'done' ? result.notes?.map((n) => <p key={n} className="hint">{n}</p>) : null}
        {result.kind === 'done' && result.fitted ? (
          // What the model was given: the volume after resampling, as [x, y, z] for the slice viewer.
          <SliceViewer volume={{ data: result.fitted.x, shape: [...result.fitted.shape.slice(0, 3)].reverse(), spacing: [result.fitted.voxel, result.fitted.voxel, result.fitted.voxel] }} mask={null} min={0} max={1} size={160} />
        ) : null}
        {result.kind === 'done' && result.shown ? (
          <figure className="predicted-image" data-testid="predicted-image">
            <img src={result.shown.url} alt={result.shown.name} />
            <figcaption>{t('predicted_image', { file: result.shown.name })}</figcaption>
          </figure>
        ) : null}
        {result.kind === 'done' && examples.length ? <p className="hint">{t('real_try_caveat')}</p> : null}
        {result.kind === 'done' ? (
          <ul className="prediction" data-testid="prediction">
            {result.names.map((n, i) => (
              <li key={n}>
                <span className="pred-name">{n}</span>
                {result.bars === false ? null : <span className="pred-bar" style={{ width: `${Math.max(0, Math.min(1, result.values[i]!)) * 100}px` }} />}
                <span>{formatNumber(result.values[i]!, lang)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </>
  );
}
