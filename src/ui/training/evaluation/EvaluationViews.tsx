import { useTranslation } from 'react-i18next';
import type { PipelineDocument } from '../../../core';
import { editorStore } from '../../../store';
import type { EvaluationResult, ModelFilesWire } from '../../../worker/protocol';
import { formatNumber } from '../../format';
import { useLang } from '../../useLang';
import { MetricName } from '../MetricName';
import { ClassificationViews } from './ClassificationViews';
import { PredictDrop } from './PredictDrop';
import { DoseViewer } from './DoseViewer';
import { RegressionViews } from './RegressionViews';
import { SegmentationViewer } from './SegmentationViewer';

const HEADLINE = ['accuracy', 'auc_macro', 'auc', 'kappa', 'f1_macro', 'odir_score', 'dose_score', 'mae', 'rmse', 'pearson_r', 'dice_mean'];

/**
 * The headline numbers: those of HEADLINE the task has, then the region Dice of a multi-label
 * segmentation (`dice_whole_tumor` …, what the glioma template asks to watch; `foreground` is left out
 * when it is the whole tumour). A score that could not be computed shows as –.
 */
function headline(scores: Record<string, unknown>): [string, number][] {
  const shown: [string, number][] = HEADLINE.filter((k) => typeof scores[k] === 'number').map((k) => [k, scores[k] as number]);
  const regions = scores.dice_regions;
  if (regions && typeof regions === 'object') {
    const entries = Object.entries(regions as Record<string, unknown>).filter((r): r is [string, number] => typeof r[1] === 'number');
    const hasWhole = entries.some(([k]) => k === 'whole_tumor');
    for (const [k, v] of entries) if (!(hasWhole && k === 'foreground')) shown.push([`dice_${k}`, v]);
  }
  return shown;
}

function Scores({ scores }: { scores: Record<string, unknown> }) {
  const lang = useLang();
  return (
    <dl className="scores" data-testid="scores">
      {headline(scores).map(([k, v]) => (
        <div key={k} data-metric={k}>
          <dt>
            {/* Beside a mean AUC, `auc` is ODIR's pooled AUC of a multi-label report. */}
            <MetricName k={k} named={k === 'auc' && 'auc_macro' in scores ? 'auc_pooled' : k} />
          </dt>
          <dd>{formatNumber(v, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

function TaskViews({ e }: { e: EvaluationResult }) {
  switch (e.task) {
    case 'binary':
    case 'multiclass':
    case 'multilabel':
      return <ClassificationViews e={e} />;
    case 'regression':
      return <RegressionViews e={e} />;
    case 'dense-regression':
      return (
        <>
          <DoseViewer e={e} />
          <RegressionViews e={e} />
        </>
      );
    case 'segmentation':
      return <SegmentationViewer e={e} />;
    default: {
      const never: never = e.task;
      return never;
    }
  }
}

/** What the trained model does on each Evaluate block's data, in the views its task calls for. */
export function EvaluationViews({ evaluations, model, doc, tryOnFiles = true }: { evaluations: EvaluationResult[]; model: ModelFilesWire; doc?: PipelineDocument | undefined; tryOnFiles?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="evaluation-views" data-testid="evaluation-views">
      {evaluations.length === 0 ? <p className="hint">{t('no_evaluation')}</p> : null}
      {evaluations.map((e) => (
        <section key={e.block} className="evaluation" data-block={e.block} data-task={e.task}>
          <h3>{t('evaluation_of', { block: e.block, count: e.n })}</h3>
          {e.n === 0 ? (
            <p className="train-warning" role="alert">{t('evaluation_empty')}</p>
          ) : (
            <>
              <Scores scores={e.scores} />
              <TaskViews e={e} />
            </>
          )}
        </section>
      ))}
      {tryOnFiles ? <PredictDrop model={model} doc={doc ?? editorStore.getState().doc} /> : null}
    </div>
  );
}
