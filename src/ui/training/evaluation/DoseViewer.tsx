import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exampleSize } from '../../../core';
import { doseWashPixels } from '../../../data/preview/dose-wash';
import type { EvaluationResult } from '../../../worker/protocol';

/** One washed slice in a canvas, drawn at `size` pixels wide. */
function DoseCanvas({ pixels, width, height, size, label }: { pixels: Uint8ClampedArray; width: number; height: number; size: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ref.current || !ctx) return;
    ref.current.width = width;
    ref.current.height = height;
    const img = ctx.createImageData(width, height);
    img.data.set(pixels);
    ctx.putImageData(img, 0, 0);
  }, [pixels, width, height]);
  return (
    <figure className="dose-panel">
      <canvas ref={ref} aria-label={label} style={{ width: size, height: (size * height) / width, imageRendering: 'pixelated' }} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/**
 * Dose prediction, case by case: the scan with the true dose, the predicted dose and their absolute
 * difference washed over it in colour (blue low → red at the case's highest true dose), slice by slice.
 */
export function DoseViewer({ e }: { e: EvaluationResult }) {
  const { t } = useTranslation();
  const [i, setI] = useState(0);
  const depth = e.imageShape[0] ?? 1;
  const [slice, setSlice] = useState(Math.floor(depth / 2));
  const [, h, w] = e.imageShape as [number, number, number, number];
  const voxels = exampleSize(e.labelShape);
  const panels = useMemo(() => {
    if (!e.images) return null;
    const image = e.images.subarray(i * exampleSize(e.imageShape), (i + 1) * exampleSize(e.imageShape));
    const truth = e.truth.subarray(i * voxels, (i + 1) * voxels);
    const pred = e.pred.subarray(i * voxels, (i + 1) * voxels);
    const diff = pred.map((p, k) => Math.abs(p - truth[k]!));
    let top = 0;
    for (const v of truth) if (v > top) top = v;
    return [
      { key: 'true', label: t('dose_true'), pixels: doseWashPixels(image, e.imageShape, 0, truth, slice, top) },
      { key: 'pred', label: t('dose_pred'), pixels: doseWashPixels(image, e.imageShape, 0, pred, slice, top) },
      { key: 'diff', label: t('dose_diff'), pixels: doseWashPixels(image, e.imageShape, 0, diff, slice, top) },
    ];
  }, [e, i, slice, voxels, t]);
  if (e.imageShape.length !== 4 || voxels !== depth * h * w) return null;
  return (
    <div className="dose-viewer" data-testid="dose-viewer">
      <h4>{t('dose_slices')}</h4>
      <label>
        {t('case')} <input type="range" min={0} max={Math.max(0, e.n - 1)} value={i} onChange={(ev) => setI(Number(ev.target.value))} /> {e.ids[i]}
      </label>
      <label>
        {t('slice')} <input type="range" min={0} max={depth - 1} value={slice} onChange={(ev) => setSlice(Number(ev.target.value))} /> {slice + 1}/{depth}
      </label>
      {panels ? (
        <div className="dose-panels">
          {panels.map((p) => (
            <DoseCanvas key={p.key} pixels={p.pixels} width={w} height={h} size={150} label={p.label} />
          ))}
        </div>
      ) : (
        <p className="hint">{t('images_not_kept')}</p>
      )}
      <p className="hint">{t('dose_legend')}</p>
    </div>
  );
}
