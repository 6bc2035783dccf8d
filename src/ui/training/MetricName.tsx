import { metricName } from '../../metrics/names';
import { useLang } from '../useLang';

/** A score's name in the UI language ("mean AUC"), with its key (`auc_macro`) in the tooltip; `named` picks the name when one key means two things. */
export function MetricName({ k, named = k }: { k: string; named?: string }) {
  const lang = useLang();
  return (
    <span className="metric-name" title={k}>
      {metricName(named, lang)}
    </span>
  );
}
