import { useTranslation } from 'react-i18next';
import type { PipelineDocument } from '../../../core';
import { editorStore } from '../../../store';
import type { EvaluationResult, ModelFilesWire } from '../../../worker/protocol';
import { ClassificationViews } from './ClassificationViews';
import { PredictDrop } from './PredictDrop';
import { RegressionViews } from './RegressionViews';
import { SegmentationViewer } from './SegmentationViewer';

const HEADLINE = ['accuracy', 'auc_macro', 'auc', 'kappa', 'f1_macro', 'odir_score', 'mae', 'rmse', 'pearson_r', 'dice_mean'];

function Scores({ scores }: { scores: Record<string, unknown> }) {
  const shown = HEADLINE.filter((k) => typeof scores[k] === 'number');
  return (
    <dl className="scores" data-testid="scores">
      {shown.map((k) => (
        <div key={k} data-metric={k}>
          <dt>{k}</dt>
          <dd>{(scores[k] as number).toFixed(3)}</dd>
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
    case 'dense-regression':
      return <RegressionViews e={e} />;
    case 'segmentation':
      return <SegmentationViewer e={e} />;
    default: {
      const never: never = e.task;
      return never;
    }
  }
}

/** What the trained model does on each Evaluate block's data, in the views its task calls for. */
export function EvaluationViews({ evaluations, model, doc }: { evaluations: EvaluationResult[]; model: ModelFilesWire; doc?: PipelineDocument | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="evaluation-views" data-testid="evaluation-views">
      {evaluations.length === 0 ? <p className="hint">{t('no_evaluation')}</p> : null}
      {evaluations.map((e) => (
        <section key={e.block} className="evaluation" data-block={e.block} data-task={e.task}>
          <h3>{t('evaluation_of', { block: e.block, n: e.n })}</h3>
          <Scores scores={e.scores} />
          <TaskViews e={e} />
        </section>
      ))}
      <h3>{t('predict_one')}</h3>
      <PredictDrop model={model} doc={doc ?? editorStore.getState().doc} />
    </div>
  );
}
