import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exampleSize } from '../../../core';
import type { EvaluationResult } from '../../../worker/protocol';
import { formatNumber } from '../../format';
import { useLang } from '../../useLang';
import { classView } from './classes';
import { SvgPlot } from './SvgPlot';
import { Thumbnail } from './Thumbnail';

/** A class name with a break opportunity after each underscore, so "diabetic_retinopathy" wraps between its words. */
const breakable = (name: string) => name.split('_').flatMap((part, i, all) => (i < all.length - 1 ? [part + '_', <wbr key={i} />] : [part]));

const COLORS = ['#2e86ab', '#c73e1d', '#57a773', '#6c5ce7', '#f18f01', '#00897b', '#a55eea', '#d4a017'];

/** Confusion matrix (click a cell to see its examples), ROC curves with AUC, and the per-class table. */
export function ClassificationViews({ e }: { e: EvaluationResult }) {
  const { t } = useTranslation();
  const lang = useLang();
  const pct = (x: number) => formatNumber(x, lang);
  const v = useMemo(() => classView(e), [e]);
  const [cell, setCell] = useState<[number, number] | null>(null);
  const max = Math.max(1, ...v.confusion.flat());
  const examples = cell ? v.truth.flatMap((tc, i) => (tc === cell[0] && v.pred[i] === cell[1] ? [i] : [])) : [];
  const size = exampleSize(e.imageShape);
  return (
    <div className="class-views">
      <h4>{t('confusion_matrix')}</h4>
      {e.task === 'multilabel' ? <p className="hint">{t('confusion_multilabel')}</p> : null}
      <table className="confusion" data-testid="confusion-matrix">
        <thead>
          <tr>
            <th className="corner">{t('true_vs_predicted')}</th>
            {v.names.map((n) => (
              <th key={n} scope="col" title={n}>
                {breakable(n)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {v.confusion.map((row, ti) => (
            <tr key={ti}>
              <th scope="row" title={v.names[ti]}>
                {breakable(v.names[ti]!)}
              </th>
              {row.map((count, pi) => (
                <td key={pi} className={ti === pi ? 'diag' : 'off'} style={{ ['--w' as string]: String(count / max) }}>
                  <button type="button" aria-pressed={cell?.[0] === ti && cell?.[1] === pi} data-cell={`${ti}-${pi}`} onClick={() => setCell([ti, pi])} title={t('show_examples')}>
                    {count}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {cell ? (
        <div className="cell-examples" data-testid="cell-examples">
          <p className="hint">{t('cell_examples', { count: examples.length, truth: v.names[cell[0]] ?? '', pred: v.names[cell[1]] ?? '' })}</p>
          {e.images ? (
            <div className="thumbs">
              {examples.slice(0, 48).map((i) => (
                <Thumbnail key={i} data={e.images!.subarray(i * size, (i + 1) * size)} shape={e.imageShape} title={e.ids[i]} />
              ))}
            </div>
          ) : (
            <p className="hint">{t('images_not_kept')}</p>
          )}
        </div>
      ) : null}
      <h4>{t('roc_curves')}</h4>
      <SvgPlot
        testId="roc-curves"
        xLabel={t('fpr')}
        yLabel={t('tpr')}
        xDomain={[0, 1]}
        yDomain={[0, 1]}
        lines={[{ from: [0, 0], to: [1, 1], color: '#8a94a6' }]}
        series={v.roc.map((r, i) => ({ label: `${r.name} (AUC ${pct(r.auc)})`, color: COLORS[i % COLORS.length]!, kind: 'line', points: r.fpr.map((x, k) => [x, r.tpr[k]!] as [number, number]) }))}
      />
      <h4>{t('per_class')}</h4>
      <table className="per-class" data-testid="per-class">
        <thead>
          <tr>
            <th>{t('class')}</th>
            <th>{t('sensitivity')}</th>
            <th>{t('specificity')}</th>
            <th>F1</th>
            <th>AUC</th>
            <th>{t('support')}</th>
          </tr>
        </thead>
        <tbody>
          {v.names.map((n, c) => (
            <tr key={n}>
              <th scope="row" title={n}>
                {breakable(n)}
              </th>
              <td>{pct(v.stats[c]!.sensitivity)}</td>
              <td>{pct(v.stats[c]!.specificity)}</td>
              <td>{pct(v.stats[c]!.f1)}</td>
              <td>{pct(v.roc.find((r) => r.name === n)?.auc ?? NaN)}</td>
              <td>{v.stats[c]!.support}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
