import type { Lang, Text } from '../core/text';

/**
 * What each score is called where people read it. The keys are the ones `jimu evaluate`, the run
 * history and the training logs use (`auc_macro`, `val_acc` …); the UI shows these names and keeps the
 * key in a tooltip, so a clinician reads "mean AUC" and an engineer can still find `auc_macro`.
 */
export const METRIC_NAMES: Record<string, Text> = {
  loss: { en: 'loss', zh: '损失' },
  acc: { en: 'accuracy', zh: '准确率' },
  accuracy: { en: 'accuracy', zh: '准确率' },
  binary_accuracy: { en: 'accuracy', zh: '准确率' },
  auc: { en: 'AUC', zh: 'AUC' },
  auc_macro: { en: 'mean AUC', zh: '平均 AUC' },
  /** ODIR's AUC: every patient × label pair pooled into one curve (the `auc` of a multi-label report). */
  auc_pooled: { en: 'AUC, all labels pooled', zh: 'AUC（所有标签合并）' },
  kappa: { en: 'Cohen κ', zh: 'Cohen κ 系数' },
  f1_micro: { en: 'micro F1', zh: '微平均 F1' },
  f1_macro: { en: 'mean F1', zh: '平均 F1' },
  odir_score: { en: 'ODIR score', zh: 'ODIR 分数' },
  sensitivity: { en: 'sensitivity', zh: '灵敏度' },
  specificity: { en: 'specificity', zh: '特异度' },
  mae: { en: 'mean absolute error', zh: '平均绝对误差' },
  mse: { en: 'mean squared error', zh: '均方误差' },
  rmse: { en: 'root mean squared error', zh: '均方根误差' },
  pearson_r: { en: 'Pearson r', zh: 'Pearson 相关系数 r' },
  spearman_gap_age: { en: 'Spearman ρ (brain-age gap vs age)', zh: 'Spearman ρ（脑龄差与年龄）' },
  dice: { en: 'Dice', zh: 'Dice 系数' },
  dice_mean: { en: 'mean Dice', zh: '平均 Dice 系数' },
  dice_whole_tumor: { en: 'Dice, whole tumour', zh: 'Dice 系数（全肿瘤）' },
  dice_tumor_core: { en: 'Dice, tumour core', zh: 'Dice 系数（肿瘤核心）' },
  dice_enhancing_tumor: { en: 'Dice, enhancing tumour', zh: 'Dice 系数（增强肿瘤）' },
  dice_foreground: { en: 'Dice, foreground', zh: 'Dice 系数（前景）' },
  hd95: { en: 'HD95 (mm)', zh: 'HD95（毫米）' },
  dose_score: { en: 'dose score', zh: '剂量分数' },
  dvh_score: { en: 'DVH score', zh: 'DVH 分数' },
  false_positive_volume_ml: { en: 'false-positive volume (mL)', zh: '假阳性体积（毫升）' },
  false_negative_volume_ml: { en: 'false-negative volume (mL)', zh: '假阴性体积（毫升）' },
  lesion_sensitivity: { en: 'lesion sensitivity', zh: '病灶灵敏度' },
  false_positives_per_case: { en: 'false positives per case', zh: '每例假阳性数' },
};

const VALIDATION: Text = { en: 'validation {name}', zh: '验证集{name}' };

/** The name of a score in a language; `val_` keys read "validation …"; an unknown key is shown as it is. */
export function metricName(key: string, lang: Lang): string {
  const own = METRIC_NAMES[key];
  if (own) return own[lang];
  if (key.startsWith('val_')) {
    const base = METRIC_NAMES[key.slice(4)];
    if (base) return VALIDATION[lang].replace('{name}', base[lang]);
  }
  return key;
}
