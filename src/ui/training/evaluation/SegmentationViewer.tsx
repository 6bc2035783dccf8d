import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exampleSize } from '../../../core';
import type { EvaluationResult } from '../../../worker/protocol';
import { Thumbnail } from './Thumbnail';

/** Foreground masks of one case: a voxel is foreground when its class (argmax, or > threshold) is not 0. */
export function caseMasks(e: EvaluationResult, i: number): { truth: Uint8Array; pred: Uint8Array } {
  const per = exampleSize(e.labelShape);
  const channels = e.labelShape.at(-1) ?? 1;
  const voxels = per / channels;
  const truth = new Uint8Array(voxels);
  const pred = new Uint8Array(voxels);
  const arg = (a: Float32Array, base: number) => {
    let best = 0;
    for (let k = 1; k < channels; k++) if (a[base + k]! > a[base + best]!) best = k;
    return best;
  };
  for (let v = 0; v < voxels; v++) {
    const base = i * per + v * channels;
    truth[v] = channels === 1 ? (e.truth[base]! > 0.5 ? 1 : 0) : arg(e.truth, base) > 0 ? 1 : 0;
    pred[v] = channels === 1 ? (e.pred[base]! > e.threshold ? 1 : 0) : arg(e.pred, base) > 0 ? 1 : 0;
  }
  return { truth, pred };
}

/** A case at a time: the image with its true (green) and predicted (red) masks, slice by slice, and Dice per case. */
export function SegmentationViewer({ e }: { e: EvaluationResult }) {
  const { t } = useTranslation();
  const [i, setI] = useState(0);
  const depth = e.imageShape.length === 4 ? e.imageShape[0]! : 1;
  const [slice, setSlice] = useState(Math.floor(depth / 2));
  // One channel (modality) at a time, in grey: several MRI sequences or PET and CT are not one RGB picture.
  const channels = e.imageShape.at(-1) ?? 1;
  const [channel, setChannel] = useState(0);
  // What each number of a case's Dice is: the label, or each label but the background.
  const diceNames = (e.labelShape.at(-1) ?? 1) === 1 ? e.labelNames.slice(0, 1) : e.labelNames.slice(1);
  const masks = useMemo(() => caseMasks(e, i), [e, i]);
  const perCase = (e.scores.dice_per_case as number[][] | undefined) ?? [];
  const size = exampleSize(e.imageShape);
  return (
    <div className="seg-viewer" data-testid="segmentation-viewer">
      <label>
        {t('case')}{' '}
        <input type="range" min={0} max={Math.max(0, e.n - 1)} value={i} onChange={(ev) => setI(Number(ev.target.value))} /> {e.ids[i]} · Dice {perCase[i]?.map((d) => d.toFixed(3)).join(' / ') ?? '–'}
      </label>
      {depth > 1 ? (
        <label>
          {t('slice')} <input type="range" min={0} max={depth - 1} value={slice} onChange={(ev) => setSlice(Number(ev.target.value))} /> {slice + 1}/{depth}
        </label>
      ) : null}
      {e.images && channels > 1 && e.imageShape.length === 4 ? (
        <label>
          <select aria-label={t('pv_channel', { n: '' }).trim()} data-testid="seg-channel" value={channel} onChange={(ev) => setChannel(Number(ev.target.value))}>
            {Array.from({ length: channels }, (_, k) => (
              <option key={k} value={k}>
                {t('pv_channel', { n: k + 1 })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {e.images ? <Thumbnail data={e.images.subarray(i * size, (i + 1) * size)} shape={e.imageShape} size={256} slice={slice} channel={e.imageShape.length === 4 ? channel : undefined} truthMask={masks.truth} predMask={masks.pred} /> : <p className="hint">{t('images_not_kept')}</p>}
      <p className="hint">{t('mask_legend')}</p>
      <table className="per-class">
        <thead>
          <tr>
            <th>{t('case')}</th>
            <th>Dice{diceNames.length ? ` (${diceNames.join(' / ')})` : ''}</th>
          </tr>
        </thead>
        <tbody>
          {perCase.map((d, k) => (
            <tr key={k} aria-selected={k === i} onClick={() => setI(k)}>
              <td>{e.ids[k]}</td>
              <td>{d.map((x) => (Number.isFinite(x) ? x.toFixed(3) : '–')).join(' / ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
