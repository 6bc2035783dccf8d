import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationResult } from '../../../worker/protocol';
import { SvgPlot } from './SvgPlot';

/** Bland–Altman statistics: the mean difference (bias) and the 95 % limits of agreement. */
export function blandAltman(truth: ArrayLike<number>, pred: ArrayLike<number>): { points: [number, number][]; bias: number; lower: number; upper: number } {
  const n = truth.length;
  const points: [number, number][] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = pred[i]! - truth[i]!;
    points.push([(pred[i]! + truth[i]!) / 2, d]);
    sum += d;
  }
  const bias = n ? sum / n : NaN;
  const sd = n > 1 ? Math.sqrt(points.reduce((a, [, d]) => a + (d - bias) ** 2, 0) / (n - 1)) : 0;
  return { points, bias, lower: bias - 1.96 * sd, upper: bias + 1.96 * sd };
}

/** Predicted against true values, and the Bland–Altman plot of their agreement. */
export function RegressionViews({ e }: { e: EvaluationResult }) {
  const { t } = useTranslation();
  // Dense regression has many values per example: plot a sample of at most 2000 points.
  const { truth, pred } = useMemo(() => {
    const step = Math.max(1, Math.floor(e.truth.length / 2000));
    const tr: number[] = [];
    const pr: number[] = [];
    for (let i = 0; i < e.truth.length; i += step) {
      tr.push(e.truth[i]!);
      pr.push(e.pred[i]!);
    }
    return { truth: tr, pred: pr };
  }, [e]);
  const ba = useMemo(() => blandAltman(truth, pred), [truth, pred]);
  const lo = Math.min(...truth, ...pred);
  const hi = Math.max(...truth, ...pred);
  const [m0, m1] = [Math.min(...ba.points.map((p) => p[0])), Math.max(...ba.points.map((p) => p[0]))];
  // The axes name what is predicted (age, dose) when there is one such value.
  const what = e.labelNames.length === 1 ? ` (${e.labelNames[0]})` : '';
  // A dose map's dots are voxels, not examples.
  const dots = t(e.task === 'dense-regression' ? 'voxels_sampled' : 'examples');
  return (
    <div className="regression-views">
      <h4>{t('scatter')}</h4>
      <SvgPlot testId="regression-scatter" xLabel={`${t('true_value')}${what}`} yLabel={`${t('predicted_value')}${what}`} lines={[{ from: [lo, lo], to: [hi, hi], color: '#8a94a6', label: 'y = x' }]} series={[{ label: dots, color: '#2e86ab', kind: 'dots', points: truth.map((x, i) => [x, pred[i]!]) }]} />
      <h4>{t('bland_altman')}</h4>
      <SvgPlot
        testId="bland-altman"
        xLabel={t('ba_mean')}
        yLabel={t('ba_diff')}
        lines={[
          { from: [m0, ba.bias], to: [m1, ba.bias], color: '#1f3a5f', label: `${t('bias')} ${ba.bias.toFixed(2)}` },
          { from: [m0, ba.upper], to: [m1, ba.upper], color: '#c73e1d', label: `+1.96 SD ${ba.upper.toFixed(2)}` },
          { from: [m0, ba.lower], to: [m1, ba.lower], color: '#c73e1d', label: `−1.96 SD ${ba.lower.toFixed(2)}` },
        ]}
        series={[{ label: dots, color: '#2e86ab', kind: 'dots', points: ba.points }]}
      />
    </div>
  );
}
