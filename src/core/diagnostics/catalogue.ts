import type { Text } from '../text';

/**
 * Every diagnostic Jimu can report, in one place (like xyflow's numbered errors).
 * A message says what is wrong in plain words; a hint says how to fix it. `{name}` placeholders are
 * filled from the diagnostic's arguments. Codes are stable: documentation and tests refer to them.
 */
export interface CatalogueEntry {
  severity: 'error' | 'warning' | 'info';
  message: Text;
  hint: Text;
}

export const CATALOGUE = {
  // --- the document ---------------------------------------------------------------------------
  J001: {
    severity: 'error',
    message: { en: 'The file is not valid JSON: {detail}.', zh: '文件不是有效的 JSON：{detail}。' },
    hint: {
      en: 'Look for a missing comma, quote or bracket near line {line}, column {column}.',
      zh: '请检查第 {line} 行第 {column} 列附近是否缺少逗号、引号或括号。',
    },
  },
  J002: {
    severity: 'error',
    message: { en: 'This is not a Jimu pipeline: {detail}.', zh: '这不是 Jimu 流程文件：{detail}。' },
    hint: {
      en: 'A pipeline file starts with "format": "jimu.pipeline" and a "version". Open a *.pipeline.json file saved by Jimu.',
      zh: '流程文件以 "format": "jimu.pipeline" 和 "version" 开头。请打开由 Jimu 保存的 *.pipeline.json 文件。',
    },
  },
  J003: {
    severity: 'error',
    message: {
      en: 'This pipeline has format version {found}, but this Jimu reads versions up to {supported}.',
      zh: '此流程文件的格式版本为 {found}，而当前 Jimu 只支持到版本 {supported}。',
    },
    hint: { en: 'Update Jimu to open it.', zh: '请升级 Jimu 后再打开。' },
  },
  J004: {
    severity: 'error',
    message: { en: 'At {path}: {detail}.', zh: '位置 {path}：{detail}。' },
    hint: {
      en: 'Fix this value in the file (the JSON Schema in pipeline.schema.json lists what is allowed).',
      zh: '请修改文件中的这个值（pipeline.schema.json 中的 JSON Schema 列出了允许的写法）。',
    },
  },
  J005: {
    severity: 'error',
    message: { en: 'At {path}: unknown field "{field}".', zh: '位置 {path}：未知字段 "{field}"。' },
    hint: {
      en: 'Remove it, or check its spelling. Allowed here: {allowed}.',
      zh: '请删除它或检查拼写。此处允许的字段：{allowed}。',
    },
  },
  J006: {
    severity: 'error',
    message: { en: 'Two blocks have the same id "{block}".', zh: '有两个模块使用了相同的 id "{block}"。' },
    hint: { en: 'Give every block its own id.', zh: '请为每个模块设置唯一的 id。' },
  },
  J007: {
    severity: 'error',
    message: {
      en: 'The migration from format version {from} failed: {detail}.',
      zh: '从格式版本 {from} 迁移失败：{detail}。',
    },
    hint: {
      en: 'The file may be damaged. Open it in a text editor and compare it with a template.',
      zh: '文件可能已损坏。请用文本编辑器打开并与模板对比。',
    },
  },

  J008: {
    severity: 'error',
    message: { en: 'Composite block "{composite}": {detail}.', zh: '组合模块 "{composite}"：{detail}。' },
    hint: { en: '{fix}', zh: '{fix}' },
  },

  // --- blocks ---------------------------------------------------------------------------------
  J101: {
    severity: 'error',
    message: { en: 'Block "{block}" has the unknown type "{type}".', zh: '模块 "{block}" 的类型 "{type}" 未知。' },
    hint: {
      en: 'Replace it with a block from the palette.{suggestion}',
      zh: '请从模块库中选择一个模块替换它。{suggestion}',
    },
  },
  J102: {
    severity: 'error',
    message: { en: '{label}: parameter "{param}" {detail}.', zh: '{label}：参数 "{param}" {detail}。' },
    hint: { en: 'Change it in the inspector. {expected}', zh: '请在属性面板中修改。{expected}' },
  },
  J103: {
    severity: 'error',
    message: { en: '{label} has no parameter "{param}".', zh: '{label} 没有参数 "{param}"。' },
    hint: { en: 'Remove it. Its parameters are: {allowed}.', zh: '请删除它。该模块的参数有：{allowed}。' },
  },

  // --- links ----------------------------------------------------------------------------------
  J201: {
    severity: 'error',
    message: { en: 'A link refers to the missing block "{block}".', zh: '连线指向不存在的模块 "{block}"。' },
    hint: { en: 'Delete the link, or add the block back.', zh: '请删除这条连线，或恢复该模块。' },
  },
  J202: {
    severity: 'error',
    message: {
      en: '{label} has no {direction} port "{port}".',
      zh: '{label} 没有名为 "{port}" 的{direction}端口。',
    },
    hint: { en: 'Its {direction} ports are: {ports}.', zh: '它的{direction}端口有：{ports}。' },
  },
  J203: {
    severity: 'error',
    message: {
      en: 'Cannot connect {fromLabel} to {toLabel}: the output carries {fromKind}, but the input "{port}" expects {toKind}.',
      zh: '无法将 {fromLabel} 连接到 {toLabel}：输出是{fromKind}，而输入 "{port}" 需要{toKind}。',
    },
    hint: {
      en: 'Connect a block that produces {toKind} to "{port}".',
      zh: '请把能产生{toKind}的模块连接到 "{port}"。',
    },
  },
  J204: {
    severity: 'error',
    message: { en: '{label} needs an input at "{port}".', zh: '{label} 的输入 "{port}" 尚未连接。' },
    hint: {
      en: 'Connect a block that produces {kind} to "{port}".',
      zh: '请把能产生{kind}的模块连接到 "{port}"。',
    },
  },
  J205: {
    severity: 'error',
    message: {
      en: '{label} takes one link at "{port}", but {count} are connected.',
      zh: '{label} 的输入 "{port}" 只能接一条连线，但现在连了 {count} 条。',
    },
    hint: {
      en: 'Delete the extra links, or merge the branches first with Add or Concatenate.',
      zh: '请删除多余的连线，或先用"相加"或"拼接"模块合并分支。',
    },
  },
  J206: {
    severity: 'error',
    message: { en: 'These blocks form a loop: {cycle}.', zh: '这些模块形成了环路：{cycle}。' },
    hint: {
      en: 'Data must flow one way. Remove one of the links in the loop.',
      zh: '数据只能单向流动。请删除环路中的一条连线。',
    },
  },
  J207: {
    severity: 'error',
    message: { en: 'The same link appears twice ({from} → {to}).', zh: '同一条连线出现了两次（{from} → {to}）。' },
    hint: { en: 'Delete one of them.', zh: '请删除其中一条。' },
  },

  // --- shapes ---------------------------------------------------------------------------------
  J301: {
    severity: 'error',
    message: {
      en: '{label} needs {expected} at "{port}"; this link carries {actual}.',
      zh: '{label} 的输入 "{port}" 需要{expected}；这条连线传来的是 {actual}。',
    },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  J302: {
    severity: 'error',
    message: {
      en: '{label} cannot combine {shapes}: {detail}.',
      zh: '{label} 无法合并 {shapes}：{detail}。',
    },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  J303: {
    severity: 'error',
    message: {
      en: '{label} would shrink {actual} to {result}, which has no elements left.',
      zh: '{label} 会把 {actual} 缩小为 {result}，已没有任何元素。',
    },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  J304: {
    severity: 'error',
    message: { en: '{label}: {detail}.', zh: '{label}：{detail}。' },
    hint: { en: '{fix}', zh: '{fix}' },
  },

  // --- the plan -------------------------------------------------------------------------------
  J401: {
    severity: 'info',
    message: { en: 'The pipeline has no Train block yet.', zh: '流程中还没有"训练"模块。' },
    hint: {
      en: 'Add a Train block and connect a model, an optimizer and training data to it.',
      zh: '请添加"训练"模块，并为它连接模型、优化器和训练数据。',
    },
  },
  J402: {
    severity: 'error',
    message: { en: 'The pipeline has {count} Train blocks: {blocks}.', zh: '流程中有 {count} 个"训练"模块：{blocks}。' },
    hint: { en: 'Keep one Train block per pipeline.', zh: '每个流程只保留一个"训练"模块。' },
  },
  J403: {
    severity: 'error',
    message: {
      en: 'The {subset} data gives images of shape {data}, but the model input {input} expects {model}.',
      zh: '{subset}数据的图像形状为 {data}，但模型输入 {input} 需要 {model}。',
    },
    hint: {
      en: 'Add a Resize block to the data, or change the input block to {data}.',
      zh: '请在数据后添加"缩放"模块，或把输入模块改为 {data}。',
    },
  },
  J404: {
    severity: 'error',
    message: {
      en: 'The {subset} data has labels of shape {data}, but the model outputs {model}.',
      zh: '{subset}数据的标签形状为 {data}，但模型输出为 {model}。',
    },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  J405: {
    severity: 'error',
    message: { en: 'The model that reaches {label} starts from no input block.', zh: '到达 {label} 的模型没有输入模块。' },
    hint: {
      en: 'Start the model with an Image Input, Volume Input or Vector Input block.',
      zh: '请以"图像输入""体数据输入"或"向量输入"模块作为模型的起点。',
    },
  },
  J406: {
    severity: 'warning',
    message: { en: '{label}: {detail}.', zh: '{label}：{detail}。' },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  J407: {
    severity: 'warning',
    message: {
      en: 'Training needs about {need} of memory at batch size {batch}; {available} is a safe budget here.',
      zh: '批大小为 {batch} 时训练约需 {need} 内存；此处的安全上限约为 {available}。',
    },
    hint: {
      en: 'Lower the batch size, the image size or the number of filters.',
      zh: '请减小批大小、图像尺寸或卷积核数量。',
    },
  },
  J408: {
    severity: 'error',
    message: { en: 'The model has {count} inputs, but a dataset feeds one image per example.', zh: '模型有 {count} 个输入，但数据集每个样本只提供一个图像。' },
    hint: {
      en: 'Combine the channels into one input block (for example a Volume Input with 4 channels).',
      zh: '请把各通道合并到一个输入模块中（例如 4 通道的体数据输入）。',
    },
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;
