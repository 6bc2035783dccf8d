import type { Registry } from './compiler/registry';
import type { PipelineDocument } from './document';
import type { Plan } from './plan';
import type { DataStep, TaskKind } from './ports';
import type { Text } from './text';

/**
 * A model card: what a downloaded model is for, what it expects, how it was made and how well it did,
 * so that whoever receives the model file can use it correctly (and knows what it is not).
 * Written as `model-card.json` beside the model, and as a readable `README.md`.
 */
export interface ModelCard {
  format: 'jimu.model-card';
  version: 1;
  name: string;
  description: { en: string; zh: string };
  /** ISO date and time the run finished. */
  trained: string;
  task: { kind: TaskKind; what: Text; outputs: string[]; unit: Text | null };
  /** One example's input, without the batch axis ([H, W, C] or [D, H, W, C], channels last). */
  input: { shape: number[] };
  output: { shape: number[] };
  /** Where the training data came from (the source blocks) and how many examples each part had. */
  data: { sources: CardStep[]; synthetic: boolean; train: number; validation: number };
  /** What was done to every image before it reached the model; do the same to new images. */
  preprocessing: CardStep[];
  /** Random changes drawn afresh for training only; not applied to new images. */
  augmentation: CardStep[];
  training: { epochs: number; batchSize: number; loss: string; optimizer: string; seed: number; backend: string; stoppedBecause: string; bestEpoch: number | null };
  /** Test-set (or validation) scores, by Evaluate block, numbers only. */
  metrics: Record<string, Record<string, number>>;
  intendedUse: Text;
  warning: Text;
  /** The pipeline document exactly as it was trained. */
  pipeline: PipelineDocument;
}

export interface CardStep {
  block: string;
  type: string;
  label: Text;
  params: Record<string, unknown>;
}

export interface ModelCardInput {
  doc: PipelineDocument;
  plan: Plan;
  registry: Registry;
  finished: string;
  backend: string;
  stoppedBecause: string;
  bestEpoch: number | null;
  epochsRun: number;
  counts: { train: number; validation: number };
  /** Scores by Evaluate block (scoreTask's output; only finite numbers are kept). */
  evaluations: Record<string, Record<string, unknown>>;
}

const TASKS: Record<TaskKind, Text> = {
  binary: { en: 'binary classification (one probability)', zh: '二分类（输出一个概率）' },
  multiclass: { en: 'classification into one of several classes (softmax probabilities)', zh: '多类别分类（softmax 概率，取其一）' },
  multilabel: { en: 'multi-label classification (one independent probability per label)', zh: '多标签分类（每个标签一个独立概率）' },
  regression: { en: 'regression (one value per example)', zh: '回归（每个样本输出一个数值）' },
  segmentation: { en: 'segmentation (a probability per voxel and class)', zh: '分割（每个体素、每个类别一个概率）' },
  'dense-regression': { en: 'dense regression (a value per voxel)', zh: '密集回归（每个体素一个数值）' },
};

export const NOT_A_MEDICAL_DEVICE: Text = {
  en: 'This model is NOT a medical device. It has not been validated for clinical use and must not be used to diagnose, treat or make decisions about patients. It is for research and teaching.',
  zh: '本模型不是医疗器械，未经临床验证，不得用于患者的诊断、治疗或临床决策，仅供科研与教学使用。',
};

const INTENDED_USE: Text = {
  en: 'Research and teaching: trying an idea, comparing pipelines, showing how a model learns. Check it on your own held-out data before you trust any number.',
  zh: '科研与教学：验证想法、比较流程、演示模型如何学习。在相信任何数值之前，请先在您自己的独立测试数据上检验。',
};

/** Builds the card from the document, its compiled plan and the run's outcome (pure). */
export function buildModelCard(x: ModelCardInput): ModelCard {
  const steps = x.plan.data.train.steps;
  const describe = (s: DataStep): CardStep => ({ block: s.block, type: s.type, label: x.registry.get(s.type)?.label ?? { en: s.type, zh: s.type }, params: s.params });
  const kindOf = (s: DataStep): 'source' | 'split' | 'random' | 'step' => {
    const def = x.registry.get(s.type);
    const run = def?.run;
    if (run && 'source' in run) return 'source';
    if (run && 'perEpoch' in run && run.perEpoch) return 'random';
    // A block with several dataset outputs divides the data; it changes no image.
    if (def && Object.values(def.outputs).filter((p) => p.kind === 'dataset').length > 1) return 'split';
    return 'step';
  };
  const sources = steps.filter((s) => kindOf(s) === 'source');
  const metrics: ModelCard['metrics'] = {};
  for (const [block, scores] of Object.entries(x.evaluations)) {
    const numbers: Record<string, number> = {};
    for (const [k, v] of Object.entries(scores)) if (typeof v === 'number' && Number.isFinite(v)) numbers[k] = v;
    metrics[block] = numbers;
  }
  const t = x.plan.training;
  return {
    format: 'jimu.model-card',
    version: 1,
    name: x.doc.name,
    description: x.doc.description,
    trained: x.finished,
    task: { kind: x.plan.task, what: TASKS[x.plan.task], outputs: [...x.plan.labelNames], unit: x.plan.labelUnit ?? null },
    input: { shape: x.plan.data.train.image },
    output: { shape: x.plan.data.train.label },
    data: {
      sources: sources.map(describe),
      synthetic: sources.some((s) => s.type.startsWith('Sample')),
      train: x.counts.train,
      validation: x.counts.validation,
    },
    preprocessing: steps.filter((s) => kindOf(s) === 'step').map(describe),
    augmentation: steps.filter((s) => kindOf(s) === 'random').map(describe),
    training: {
      epochs: x.epochsRun,
      batchSize: t.batchSize,
      loss: t.loss.type,
      optimizer: t.optimizer.type,
      seed: x.plan.seed,
      backend: x.backend,
      stoppedBecause: x.stoppedBecause,
      bestEpoch: x.bestEpoch,
    },
    metrics,
    intendedUse: INTENDED_USE,
    warning: NOT_A_MEDICAL_DEVICE,
    pipeline: x.doc,
  };
}

const params = (p: Record<string, unknown>): string =>
  Object.entries(p)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('×') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toPrecision(4));

/** The card as a README a person reads: English first, then 简体中文. */
export function modelCardReadme(c: ModelCard): string {
  const step = (s: CardStep, lang: 'en' | 'zh') => `- ${s.label[lang]} (\`${s.type}\`${Object.keys(s.params).length ? `: ${params(s.params)}` : ''})`;
  const list = (xs: CardStep[], lang: 'en' | 'zh', none: string) => (xs.length ? xs.map((s) => step(s, lang)).join('\n') : none);
  const scores = Object.entries(c.metrics)
    .map(([block, { n, ...m }]) => `| ${block} | ${n ?? '—'} | ${Object.entries(m).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')} |`)
    .join('\n');
  const table = scores ? `| block | examples | scores |\n|---|---|---|\n${scores}` : '(none)';
  const unit = (lang: 'en' | 'zh') => (c.task.unit ? (lang === 'en' ? `; unit: ${c.task.unit.en}` : `；单位：${c.task.unit.zh}`) : '');
  return `# ${c.name} — model card

> **${c.warning.en}**
>
> **${c.warning.zh}**

${c.description.en || c.description.zh ? `${c.description.en || c.description.zh}\n\n` : ''}## What it does
- Task: ${c.task.what.en}
- Outputs: ${c.task.outputs.join(', ') || '—'}${unit('en')}
- Input: one example of shape [${c.input.shape.join(', ')}] (channels last), as a batch [n, ${c.input.shape.join(', ')}]
- Output: shape [${c.output.shape.join(', ')}] per example
- Trained ${c.trained} on ${c.training.backend}; ${c.training.epochs} epoch(s), batch ${c.training.batchSize}, loss ${c.training.loss}, optimizer ${c.training.optimizer}, seed ${c.training.seed}${c.training.bestEpoch ? `; weights of epoch ${c.training.bestEpoch}` : ''}
- Intended use: ${c.intendedUse.en}

## Training data
${list(c.data.sources, 'en', '(unknown)')}
${c.data.synthetic ? '\nThe training data were SYNTHETIC (made by Jimu from a seed): the model has never seen a real patient.\n' : ''}
${c.data.train} training and ${c.data.validation} validation examples.

## Preprocessing (apply the same steps, in this order, to every new image)
${list(c.preprocessing, 'en', '(none)')}

Augmentation used during training only (do not apply to new images):
${list(c.augmentation, 'en', '(none)')}

## Scores on held-out data
${table}

## Files
- \`model.json\` + \`weights.bin\`: the model in TensorFlow.js layers format: \`tf.loadLayersModel('file://…/model.json')\` (Node) or from an HTTP URL (browser).
- \`model-card.json\`: this card as data, with the pipeline document under \`pipeline\`.
- \`manifest.json\`: the run's record (seed, backend, times).
- \`pipeline.json\`: the pipeline exactly as it was trained; open it in Jimu to train it again.

---

# ${c.name} — 模型说明

${c.description.zh ? `${c.description.zh}\n` : ''}
## 用途
- 任务：${c.task.what.zh}
- 输出：${c.task.outputs.join('、') || '—'}${unit('zh')}
- 输入：单个样本形状 [${c.input.shape.join(', ')}]（通道在最后），批量形状 [n, ${c.input.shape.join(', ')}]
- 输出：每个样本形状 [${c.output.shape.join(', ')}]
- 训练：${c.trained}，后端 ${c.training.backend}；${c.training.epochs} 轮，批大小 ${c.training.batchSize}，损失 ${c.training.loss}，优化器 ${c.training.optimizer}，随机种子 ${c.training.seed}
- 预期用途：${c.intendedUse.zh}

## 训练数据
${list(c.data.sources, 'zh', '（未知）')}
${c.data.synthetic ? '\n训练数据为合成数据（由 Jimu 按随机种子生成）：模型从未见过真实患者。\n' : ''}
训练样本 ${c.data.train} 个，验证样本 ${c.data.validation} 个。

## 预处理（对每张新图像按此顺序执行相同步骤）
${list(c.preprocessing, 'zh', '（无）')}

仅在训练时使用的数据增强（新图像不要使用）：
${list(c.augmentation, 'zh', '（无）')}

## 独立测试数据上的得分
${table}
`;
}
