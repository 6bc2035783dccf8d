import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EpochRecord } from '../../runtime/train-types';
import { metricName } from '../../metrics/names';
import { editorStore, progressOf } from '../../store';
import { useLang } from '../useLang';

export interface CurveSource {
  history: EpochRecord[];
  batchLoss: { at: number; loss: number }[];
  bestEpoch: number | null;
  /** What the run watches (the Train block's monitor, `val_auc` …): its curve is the one drawn. */
  monitor?: string | undefined;
}

/**
 * The metric to draw beside the loss: the one the run monitors when that is not the loss (the template
 * chose it: the fundus template watches AUC), else the first one it tracks (acc, dice, mae …).
 */
export function metricKey(history: EpochRecord[], monitor?: string): string | null {
  const keys = Object.keys(history[0]?.logs ?? {});
  const watched = monitor?.replace(/^val_/, '');
  if (watched && watched !== 'loss' && (keys.includes(watched) || keys.includes(`val_${watched}`))) return watched;
  return keys.find((k) => k !== 'loss' && !k.startsWith('val_')) ?? null;
}

type Data = uPlot.AlignedData;

/** Aligned series for the loss chart: batch losses, epoch means and validation at the epoch ends. */
export function lossData(src: CurveSource): Data {
  const xs = [...new Set([...src.batchLoss.map((b) => b.at), ...src.history.map((h) => h.epoch)])].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const batch: (number | null)[] = xs.map(() => null);
  const train: (number | null)[] = xs.map(() => null);
  const val: (number | null)[] = xs.map(() => null);
  for (const b of src.batchLoss) batch[at.get(b.at)!] = b.loss;
  for (const h of src.history) {
    train[at.get(h.epoch)!] = h.logs.loss ?? null;
    val[at.get(h.epoch)!] = h.logs.val_loss ?? null;
  }
  return [xs, batch, train, val];
}

/** Epochs, then the training values (when the metric is measured on training data), then validation. */
function metricData(src: CurveSource, key: string, withTraining: boolean): Data {
  const epochs = src.history.map((h) => h.epoch);
  const val = src.history.map((h) => h.logs[`val_${key}`] ?? null);
  return withTraining ? [epochs, src.history.map((h) => h.logs[key] ?? null), val] : [epochs, val];
}

/** Draws a dashed line at the best epoch. */
function bestEpochPlugin(best: () => number | null): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const e = best();
        if (e == null) return;
        const x = u.valToPos(e, 'x', true);
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = '#f18f01';
        ctx.setLineDash([5, 4]);
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.restore();
      },
    },
  };
}

function liveSource(): CurveSource | null {
  const p = progressOf(editorStore.getState().run);
  return p ? { history: p.history, batchLoss: p.batchLoss, bestEpoch: p.bestEpoch, monitor: p.monitor } : null;
}

/**
 * Loss and metric curves for training and validation. With `source` it draws a finished run; without,
 * it follows the current run by subscribing to the store and calling uPlot's setData, so each batch
 * redraws two canvases and React renders nothing.
 */
export function Curves({ source }: { source?: CurveSource }) {
  const { t } = useTranslation();
  const lang = useLang();
  const lossRef = useRef<HTMLDivElement>(null);
  const metricRef = useRef<HTMLDivElement>(null);
  const metricTitleRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const lossEl = lossRef.current!;
    const metricEl = metricRef.current!;
    // The panel's width (the charts may be mounted hidden, before a run has data).
    const width = Math.max(280, (lossEl.closest('.run-view, .training-panel')?.clientWidth ?? 480) - 24);
    let current: CurveSource | null = source ?? liveSource();
    const best = () => current?.bestEpoch ?? null;
    const axes = (y: string): uPlot.Axis[] => [{ label: t('curve_epoch'), size: 36 }, { label: y, size: 52 }];
    const lossPlot = new uPlot(
      {
        width,
        height: 170,
        scales: { x: { time: false } },
        axes: axes(t('curve_loss')),
        legend: { live: false },
        plugins: [bestEpochPlugin(best)],
        series: [
          { label: t('curve_epoch') },
          { label: t('curve_batch_loss'), stroke: '#b8c2d1', width: 1, spanGaps: true, points: { show: false } },
          { label: t('curve_train'), stroke: '#2e86ab', width: 2, spanGaps: true },
          { label: t('curve_validation'), stroke: '#c73e1d', width: 2, spanGaps: true },
        ],
      },
      [[], [], [], []],
      lossEl,
    );
    let metricPlot: uPlot | null = null;
    let metric: string | null = null;
    let withTraining = true;
    const update = (src: CurveSource | null) => {
      current = src;
      if (!src) return;
      lossPlot.setData(lossData(src));
      lossEl.dataset.points = String(src.batchLoss.length + src.history.length);
      lossEl.dataset.batches = String(src.batchLoss.length);
      // The last training and validation loss the chart draws, for a reader of the page (and its tests).
      const lastOf = (i: number) => (lossPlot.data[i] as (number | null | undefined)[]).findLast((v) => typeof v === 'number') ?? null;
      lossEl.dataset.last = JSON.stringify({ loss: lastOf(2), val_loss: lastOf(3) });
      // The charts outlive a run (made once, so starting a run costs no chart set-up); a new run's
      // first epoch may track another metric.
      const key = metricKey(src.history, src.monitor);
      // AUC is measured on the whole validation set only: no training line to draw or name.
      const training = key !== null && src.history[0]?.logs[key] !== undefined;
      if (key && (key !== metric || training !== withTraining)) {
        withTraining = training;
        metricPlot?.destroy();
        metricPlot = null;
        metric = key;
      }
      if (metric && !metricPlot) {
        metricPlot = new uPlot(
          {
            width,
            height: 150,
            scales: { x: { time: false } },
            axes: axes(metricName(metric, lang)),
            legend: { live: false },
            plugins: [bestEpochPlugin(best)],
            series: [
              { label: t('curve_epoch') },
              ...(withTraining ? [{ label: t('curve_train'), stroke: '#2e86ab', width: 2 }] : []),
              { label: t('curve_validation'), stroke: '#c73e1d', width: 2, spanGaps: true },
            ],
          },
          withTraining ? [[], [], []] : [[], []],
          metricEl,
        );
      }
      if (metric && metricPlot) metricPlot.setData(src.history.length ? metricData(src, metric, withTraining) : withTraining ? [[], [], []] : [[], []]);
      metricEl.dataset.points = String(src.history.length);
      if (metric) {
        metricEl.dataset.metric = metric;
        metricTitleRef.current!.textContent = metricName(metric, lang);
        metricTitleRef.current!.title = metric;
      }
    };
    update(current);
    let unsubscribe = () => {};
    if (!source) {
      unsubscribe = editorStore.subscribe((s, prev) => {
        const p = progressOf(s.run);
        const q = progressOf(prev.run);
        if (!p) return;
        if (p.batchLoss !== q?.batchLoss || p.history !== q?.history || p.bestEpoch !== q?.bestEpoch) update({ history: p.history, batchLoss: p.batchLoss, bestEpoch: p.bestEpoch, monitor: p.monitor });
      });
    }
    return () => {
      unsubscribe();
      lossPlot.destroy();
      (metricPlot as uPlot | null)?.destroy();
    };
  }, [source, t, lang]);
  return (
    <div className="curves">
      <div ref={lossRef} className="curve" data-testid="loss-curve" data-points="0" data-batches="0" />
      <div ref={metricRef} className="curve" data-testid="metric-curve" data-points="0">
        <p ref={metricTitleRef} className="curve-title" />
      </div>
    </div>
  );
}
