import { useTranslation } from 'react-i18next';
import { compiledFor, useEditor } from '../store';
import { compactNumber } from './format';

/** One line under the canvas: errors and warnings, model size, whether the work is saved. */
export function StatusBar() {
  const { t } = useTranslation();
  const doc = useEditor((s) => s.doc);
  const saved = useEditor((s) => s.saveState);
  const compiled = compiledFor(doc);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error').length;
  // The plan's total covers the trained model; before there is a plan, add up the blocks drawn so far.
  const params = compiled.cost.params || sum(compiled.cost.blocks, 'params');
  const warnings = compiled.diagnostics.filter((d) => d.severity === 'warning').length;
  return (
    <footer className="status">
      <span className={errors ? 'status-errors' : 'status-ok'} data-testid="status-summary">
        {errors ? t('summary_errors', { count: errors }) : compiled.plan ? t('summary_ok') : t('summary_partial')}
        {warnings ? ` · ${t('summary_warnings', { count: warnings })}` : ''}
      </span>
      {params > 0 ? <span>{t('model_cost', { params: compactNumber(params), macs: compactNumber(compiled.cost.macs || sum(compiled.cost.blocks, 'macs')) })}</span> : null}
      <span className={`save-state save-${saved}`} data-testid="save-state">
        {t(saved === 'failed' ? 'not_saved' : saved)}
      </span>
    </footer>
  );
}

function sum(blocks: Record<string, { params: number; macs: number }>, key: 'params' | 'macs'): number {
  return Object.values(blocks).reduce((a, b) => a + b[key], 0);
}
