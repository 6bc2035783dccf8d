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
    message: { en: '{label}: {param} cannot be {value}{reason}.', zh: '{label}：{param}不能为{value}{reason}。' },
    hint: {
      en: '{param} must be {allowed}. Change it in the inspector or the Code view.',
      zh: '{param}应为{allowed}。请在属性面板或代码视图中修改。',
    },
  },
  J103: {
    severity: 'error',
    message: { en: '{label} has no parameter "{param}".', zh: '{label} 没有参数 "{param}"。' },
    hint: { en: 'Remove it. Its parameters are: {allowed}.', zh: '请删除它。该模块的参数有：{allowed}。' },
  },
  J120: {
    severity: 'error',
    message: {
      en: 'Block "{block}" ({type}) was saved by a newer Jimu: its parameters are version {found}, and this Jimu knows up to version {supported}.',
      zh: '模块 "{block}"（{type}）由更新版本的 Jimu 保存：其参数版本为 {found}，当前 Jimu 只支持到版本 {supported}。',
    },
    hint: { en: 'Update Jimu to open this pipeline as it was made, or replace the block with one from the palette.', zh: '请升级 Jimu 后再打开，或用模块库中的模块替换它。' },
  },
  J121: {
    severity: 'error',
    message: {
      en: 'Block "{block}" ({type}) could not be brought from version {from} to version {to}: {detail}.',
      zh: '模块 "{block}"（{type}）无法从版本 {from} 升级到版本 {to}：{detail}。',
    },
    hint: { en: 'Check its parameters in the Code view, or replace the block with one from the palette.', zh: '请在代码视图中检查其参数，或用模块库中的模块替换它。' },
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
      zh: '请删除多余的连线，或先用“相加”或“拼接”模块合并分支。',
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
  /** A block refuses a combination of its own parameters, or the data or tensor it is given (the block says which). */
  J304: {
    severity: 'error',
    message: { en: '{label}: {detail}.', zh: '{label}：{detail}。' },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  /** A merge block (Add, Multiply, Concatenate, …) with fewer than two branches. */
  J305: {
    severity: 'error',
    message: { en: '{label}: {detail}.', zh: '{label}：{detail}。' },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  /** A block for 3D volumes given 2D images. */
  J306: {
    severity: 'error',
    message: { en: '{label}: {detail}.', zh: '{label}：{detail}。' },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  J307: {
    severity: 'error',
    message: { en: '{label}: this composite block could not be expanded.', zh: '{label}：无法展开此组合模块。' },
    hint: { en: 'Fix its parameters (their errors are listed too).', zh: '请修正它的参数（参数错误也已列出）。' },
  },
  J308: {
    severity: 'error',
    message: { en: '{label}: composite blocks are nested more than {max} levels deep.', zh: '{label}：组合模块嵌套超过 {max} 层。' },
    hint: { en: 'Nest composites at most {max} levels deep.', zh: '组合模块最多嵌套 {max} 层。' },
  },
  /** A block's own check threw: a bug in Jimu, not in the user's pipeline. */
  J309: {
    severity: 'error',
    message: { en: '{label}: Jimu could not check this block (internal error: {detail}).', zh: '{label}：Jimu 无法检查此模块（内部错误：{detail}）。' },
    hint: { en: 'Please report this with the pipeline file; other blocks were still checked.', zh: '请附上流程文件报告此问题；其他模块仍已检查。' },
  },
  /** A composite's own check on its input (the U-Net: sizes divisible by 2^depth). */
  J310: {
    severity: 'error',
    message: {
      en: '{label} halves its input {depth} times, so the input’s {axes} must divide by {factor}; it gets {actual}.',
      zh: '{label} 会把输入尺寸减半 {depth} 次，因此输入的{axes}必须能被 {factor} 整除；现在的输入是 {actual}。',
    },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  /** A problem inside a library composite, reported on the composite in its own terms. */
  J311: {
    severity: 'error',
    message: {
      en: '{label} cannot work on its input {actual}: {detail}.',
      zh: '{label} 无法处理它的输入 {actual}：{detail}。',
    },
    hint: {
      en: 'Change its parameters in its inspector, or the size of the data. To see the inner step that fails, open it into blocks.',
      zh: '请在它的检查器中修改参数，或改变数据的尺寸。若想查看出错的内部步骤，可将它展开为模块。',
    },
  },

  // --- the plan -------------------------------------------------------------------------------
  J401: {
    severity: 'info',
    message: { en: 'The pipeline has no Train block yet.', zh: '流程中还没有“训练”模块。' },
    hint: {
      en: 'Add a Train block and connect a model, an optimizer and training data to it.',
      zh: '请添加“训练”模块，并为它连接模型、优化器和训练数据。',
    },
  },
  J402: {
    severity: 'error',
    message: { en: 'The pipeline has {count} Train blocks: {blocks}.', zh: '流程中有 {count} 个“训练”模块：{blocks}。' },
    hint: { en: 'Keep one Train block per pipeline.', zh: '每个流程只保留一个“训练”模块。' },
  },
  J403: {
    severity: 'error',
    message: {
      en: 'The {subset} data gives images of shape {data}, but the model input {input} expects {model}.',
      zh: '{subset}数据的图像形状为 {data}，但模型输入 {input} 需要 {model}。',
    },
    hint: {
      en: 'Add a Resize block to the data, or change the input block to {data}.',
      zh: '请在数据后添加“缩放”模块，或把输入模块改为 {data}。',
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
      zh: '请以“图像输入”“体数据输入”或“向量输入”模块作为模型的起点。',
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
  J409: {
    severity: 'error',
    message: {
      en: 'This model cannot be trained here: at batch size {batch} {what} about {need}, but {where} holds at most {limit}.',
      zh: '此模型无法在这里训练：批大小为 {batch} 时，{what}约 {need}，而{where}最多只能容纳 {limit}。',
    },
    hint: {
      en: 'Make it about {factor}× smaller: lower the batch size (now {batch}), the image or patch size (a Random Patches block trains on patches of a large volume), or the number of filters. Or train it on a GPU, which has no such heap: in the browser with the WebGPU backend.',
      zh: '请把它缩小约 {factor} 倍：减小批大小（当前为 {batch}）、图像或图块尺寸（“随机图块”模块可在大体数据的图块上训练），或卷积核数量；也可以在 GPU 上训练（GPU 没有这个堆的限制）：在浏览器中使用 WebGPU 后端。',
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
  /** Evaluate gets volumes larger than the model input, but the model cannot slide over them. */
  J420: {
    severity: 'error',
    message: {
      en: 'The {subset} data gives volumes of shape {data}, not the model input {model}, and the model cannot predict them window by window: {why}.',
      zh: '{subset}数据的体数据形状为 {data}，与模型输入 {model} 不同，而此模型无法逐个窗口地预测它们：{why}。',
    },
    hint: {
      en: '{fix}',
      zh: '{fix}',
    },
  },
  /** Evaluate will predict whole volumes by sliding windows of the model's input size. */
  J421: {
    severity: 'info',
    message: {
      en: '{label} predicts whole volumes of {data} with sliding windows of {window} voxels ({overlap} % overlap, {blend} blending).',
      zh: '{label}用 {window} 体素的滑动窗口预测 {data} 的完整体数据（重叠 {overlap}%，{blend}融合）。',
    },
    hint: {
      en: 'The model was trained on patches; each window is one patch and the overlaps are blended. Change the overlap or the blending in the Evaluate block.',
      zh: '模型是在图块上训练的；每个窗口即一个图块，重叠部分加权融合。可在"评估"模块中修改重叠比例或融合方式。',
    },
  },
  // --- export to PyTorch -----------------------------------------------------------------------
  J501: {
    severity: 'error',
    message: {
      en: '{what} "{block}" ({type}) has no PyTorch counterpart, so this pipeline cannot be exported for GPU training.',
      zh: '{what}"{block}"（{type}）没有对应的 PyTorch 实现，因此无法导出此流程用于 GPU 训练。',
    },
    hint: {
      en: 'Replace it with a block that the export supports ({supported}), or train this pipeline with jimu train.',
      zh: '请换成导出支持的模块（{supported}），或用 jimu train 训练此流程。',
    },
  },
  J502: {
    severity: 'error',
    message: { en: 'The pipeline cannot be exported: {detail}.', zh: '无法导出此流程：{detail}。' },
    hint: { en: 'Fix the errors that jimu validate shows, then export again.', zh: '请先修正 jimu validate 显示的错误，然后再导出。' },
  },
  /** "Export for GPU training" in the app failed while making the project (not a refusal: a worker that stopped, memory). */
  J503: {
    severity: 'error',
    message: { en: 'The export for GPU training stopped: {detail}.', zh: '导出到 GPU 训练时中断：{detail}。' },
    hint: {
      en: 'Try again after closing other tabs; if it stops again, export with the command: jimu export PIPELINE --target pytorch --out DIR --with-data.',
      zh: '请关闭其他标签页后重试；如果仍然中断，请用命令导出：jimu export PIPELINE --target pytorch --out DIR --with-data。',
    },
  },

  // --- training (the runtime and the worker) ----------------------------------------------------
  J601: {
    severity: 'error',
    message: { en: 'Training ran out of memory ({detail}).', zh: '训练时内存不足（{detail}）。' },
    hint: {
      en: 'Lower the batch size, the image or patch size, or the number of filters; close other tabs; or choose another backend.',
      zh: '请减小批大小、图像或图块尺寸、卷积核数量；关闭其他标签页；或换一个计算后端。',
    },
  },
  J602: {
    severity: 'error',
    message: { en: 'The "{backend}" backend is not available here.', zh: '此处无法使用"{backend}"计算后端。' },
    hint: { en: 'Leave the backend unset to let Jimu choose one.', zh: '请不要指定后端，由 Jimu 自动选择。' },
  },
  J603: {
    severity: 'error',
    message: { en: 'The model has {count} inputs; training feeds exactly one.', zh: '模型有 {count} 个输入；训练只提供一个。' },
    hint: { en: 'Combine the channels into one input block.', zh: '请把各通道合并到一个输入模块中。' },
  },
  J604: {
    severity: 'error',
    message: { en: 'This version of Jimu cannot train with the loss "{type}".', zh: '此版本的 Jimu 无法使用损失函数"{type}"训练。' },
    hint: { en: 'Replace the loss block with one from the palette.', zh: '请换用模块面板中的损失函数模块。' },
  },
  J605: {
    severity: 'error',
    message: { en: 'This version of Jimu cannot train with the optimizer "{type}".', zh: '此版本的 Jimu 无法使用优化器"{type}"训练。' },
    hint: { en: 'Replace the optimizer block with one from the palette.', zh: '请换用模块面板中的优化器模块。' },
  },
  J606: {
    severity: 'error',
    message: { en: 'This version of Jimu does not know the learning-rate schedule "{type}".', zh: '此版本的 Jimu 不认识学习率调度"{type}"。' },
    hint: { en: 'Replace the schedule block with one from the palette.', zh: '请换用模块面板中的学习率调度模块。' },
  },
  J607: {
    severity: 'error',
    message: { en: 'The trained model could not be saved.', zh: '无法保存训练好的模型。' },
    hint: { en: 'Please report this with the pipeline file.', zh: '请附上流程文件报告此问题。' },
  },
  J608: {
    severity: 'error',
    message: { en: 'Training stopped with an unexpected error: {detail}.', zh: '训练因意外错误而停止：{detail}。' },
    hint: { en: 'Your pipeline is safe. Try again; if it happens again, report it with the pipeline file.', zh: '您的流程未受影响。请重试；如再次出现，请附上流程文件报告。' },
  },
  J609: {
    severity: 'error',
    message: { en: 'The training worker stopped unexpectedly ({detail}).', zh: '训练进程意外停止（{detail}）。' },
    hint: { en: 'This is often memory: try a smaller batch or image size, then start the run again.', zh: '这常常是内存不足：请减小批大小或图像尺寸后重新开始。' },
  },
  J610: {
    severity: 'error',
    message: { en: 'A message from the training worker could not be read.', zh: '无法读取训练进程发来的消息。' },
    hint: { en: 'Reload the page (your pipeline is saved) and start the run again.', zh: '请重新加载页面（流程已保存）后重新开始。' },
  },
  J611: {
    severity: 'error',
    message: { en: 'The page and the training worker come from different versions of Jimu (protocol {page} and {worker}).', zh: '页面和训练进程来自不同版本的 Jimu（协议 {page} 与 {worker}）。' },
    hint: { en: 'Reload the page (your pipeline is saved).', zh: '请重新加载页面（流程已保存）。' },
  },
  J612: {
    severity: 'error',
    message: { en: 'A run is already in progress in this worker.', zh: '此训练进程中已有一次运行在进行。' },
    hint: { en: 'Wait for it to finish or stop it, then start again.', zh: '请等待其结束或停止它，然后重新开始。' },
  },

  /** The runtime was asked to predict volumes that neither match the model's input nor can be slid over. */
  J620: {
    severity: 'error',
    message: { en: 'The model takes {model} but was given examples of {data}, which it cannot predict window by window.', zh: '模型需要 {model}，但收到的样本为 {data}，无法逐个窗口地预测。' },
    hint: { en: 'Bring the data to the model input size (Resize or Crop/Pad), or use a model made only of convolution, pooling and resampling layers whose output has the input size.', zh: '请把数据调整为模型输入尺寸（缩放或裁剪/填充），或使用仅由卷积、池化和重采样层构成、输出与输入同尺寸的模型。' },
  },

  // --- data, found while it is read or prepared -------------------------------------------------
  /** A data problem described by its reader (file, row and column named in the detail). */
  J701: {
    severity: 'error',
    message: { en: '{detail}', zh: '{detail}' },
    hint: { en: '{fix}', zh: '{fix}' },
  },
  J702: {
    severity: 'error',
    message: { en: 'The {subset} images have shape {data}, but the model input expects {model}.', zh: '{subset}图像的形状为 {data}，但模型输入需要 {model}。' },
    hint: { en: 'Add a Resize block to the data, or change the input block to {data}.', zh: '请在数据后添加“缩放”模块，或把输入模块改为 {data}。' },
  },
  J703: {
    severity: 'error',
    message: { en: 'The {subset} labels have shape {data}, but the model outputs {model}.', zh: '{subset}标签的形状为 {data}，但模型输出为 {model}。' },
    hint: { en: 'Change the last layer to give {data}, or the labels to match it.', zh: '请把最后一层改为输出 {data}，或调整标签使之一致。' },
  },
  J704: {
    severity: 'error',
    message: { en: 'The {subset} data holds {images} image values and {labels} label values, which does not match {count} examples.', zh: '{subset}数据有 {images} 个图像值和 {labels} 个标签值，与 {count} 个样本不符。' },
    hint: { en: 'Read the data again; if it happens again, report it with the pipeline file.', zh: '请重新读取数据；如再次出现，请附上流程文件报告。' },
  },
  J705: {
    severity: 'error',
    message: { en: 'The training data has no examples.', zh: '训练数据中没有样本。' },
    hint: { en: 'Check the data folder and the Split block: the training part must hold at least one example.', zh: '请检查数据文件夹和“划分”模块：训练部分至少要有一个样本。' },
  },
  J706: {
    severity: 'error',
    message: { en: 'The training data of epoch {epoch} has {count} examples; epoch 1 had {first}.', zh: '第 {epoch} 轮的训练数据有 {count} 个样本；第 1 轮有 {first} 个。' },
    hint: { en: 'Please report this with the pipeline file.', zh: '请附上流程文件报告此问题。' },
  },
  /** A case of a set read on demand failed while training (the case and the reader's words in the detail). */
  J740: {
    severity: 'error',
    message: { en: 'The case "{case}" could not be read during training: {detail}', zh: '训练中无法读取病例"{case}"：{detail}' },
    hint: { en: 'Fix or remove this case in the manifest and train again; the model trained so far was kept and written.', zh: '请在清单中修复或移除此病例后重新训练；目前训练得到的模型已保留并写出。' },
  },
  /** The persistent cache of preprocessed cases could not be written (a full disk, no permission); training goes on without it. */
  J741: {
    severity: 'warning',
    message: { en: 'The cache of preprocessed cases in {folder} cannot be written ({reason}); training goes on without storing more cases there.', zh: '无法写入 {folder} 中的预处理病例缓存（{reason}）；训练将继续，但不再向其中存储病例。' },
    hint: { en: 'Free disk space there, or choose another folder with --cache-dir; every case is still read and prepared as usual.', zh: '请释放该处的磁盘空间，或用 --cache-dir 选择其他文件夹；每个病例仍会照常读取和预处理。' },
  },
  J710: { severity: 'error', message: { en: 'The file is empty. {detail}', zh: '文件是空的。{detail}' }, hint: { en: 'Copy the file again; it may not have finished downloading.', zh: '请重新复制该文件；它可能没有下载完整。' } },
  J711: { severity: 'error', message: { en: 'This is neither a NIfTI nor a DICOM file. {detail}', zh: '这既不是 NIfTI 也不是 DICOM 文件。{detail}' }, hint: { en: 'Jimu reads .nii, .nii.gz and DICOM files (.dcm or no extension).', zh: 'Jimu 可读取 .nii、.nii.gz 和 DICOM 文件（.dcm 或无扩展名）。' } },
  J712: { severity: 'error', message: { en: 'The file ends before the data its header declares. {detail}', zh: '文件在其头部声明的数据之前就结束了。{detail}' }, hint: { en: 'The file is incomplete: copy or export it again.', zh: '文件不完整：请重新复制或导出。' } },
  J713: { severity: 'error', message: { en: 'The gzip stream is damaged. {detail}', zh: 'gzip 压缩数据已损坏。{detail}' }, hint: { en: 'Unpack the file with gunzip to check it, or export it again.', zh: '请用 gunzip 解压检查，或重新导出。' } },
  J714: { severity: 'error', message: { en: 'The file declares more data than Jimu can hold in memory. {detail}', zh: '文件声明的数据量超出 Jimu 可容纳的内存。{detail}' }, hint: { en: 'Crop or downsample the volume first, or split a 4D file into 3D volumes.', zh: '请先裁剪或降采样，或把四维文件拆成三维体数据。' } },
  J715: { severity: 'error', message: { en: 'The header holds impossible values. {detail}', zh: '文件头包含不可能的值。{detail}' }, hint: { en: 'The file is damaged or not written by a standard tool; re-export it.', zh: '文件已损坏或不是标准工具写出的；请重新导出。' } },
  J716: { severity: 'error', message: { en: 'The voxel data type is not supported. {detail}', zh: '不支持该体素数据类型。{detail}' }, hint: { en: 'Convert the file to a supported type (e.g. float32) with nibabel or dcm2niix.', zh: '请用 nibabel 或 dcm2niix 转换为支持的类型（如 float32）。' } },
  J717: { severity: 'error', message: { en: 'The 4D file has no volume with that index. {detail}', zh: '该四维文件中没有此序号的体数据。{detail}' }, hint: { en: 'Choose a volume index from 0 to the number of volumes minus 1.', zh: '请选择 0 到体数据个数减 1 之间的序号。' } },
  J718: { severity: 'error', message: { en: 'The DICOM data set is malformed. {detail}', zh: 'DICOM 数据集格式错误。{detail}' }, hint: { en: 'The file is damaged or not DICOM; re-export it from the PACS or scanner.', zh: '文件已损坏或不是 DICOM；请从 PACS 或扫描仪重新导出。' } },
  J719: { severity: 'error', message: { en: 'The DICOM file has no image in it. {detail}', zh: '该 DICOM 文件中没有图像。{detail}' }, hint: { en: 'It may be a report, a structure set or a plan: give an image file or a series.', zh: '它可能是报告、结构集或计划：请提供图像文件或序列。' } },
  J720: { severity: 'error', message: { en: 'The pixel data is compressed in a form Jimu cannot decode. {detail}', zh: '像素数据的压缩格式 Jimu 无法解码。{detail}' }, hint: { en: 'Decompress it first, e.g. `gdcmconv --raw in.dcm out.dcm` or `dcmdjpeg`/`dcmdjp2k` from DCMTK.', zh: '请先解压，例如 `gdcmconv --raw in.dcm out.dcm`，或使用 DCMTK 的 `dcmdjpeg`/`dcmdjp2k`。' } },
  J721: { severity: 'error', message: { en: 'The files do not form one regular image series. {detail}', zh: '这些文件不构成一个规则的图像序列。{detail}' }, hint: { en: 'Put one series per folder; every slice needs the same size, orientation and spacing.', zh: '每个文件夹放一个序列；每层需要相同的尺寸、方向和间距。' } },
  J722: { severity: 'error', message: { en: 'The DICOM file lacks the position or orientation needed to stack slices. {detail}', zh: 'DICOM 文件缺少堆叠切片所需的位置或方向。{detail}' }, hint: { en: 'Export the series with Image Position and Image Orientation (Patient), or give a single file.', zh: '请导出带有 Image Position 和 Image Orientation (Patient) 的序列，或只提供单个文件。' } },
  J723: { severity: 'error', message: { en: 'The structure set cannot be drawn on this image. {detail}', zh: '无法在此图像上绘制该结构集。{detail}' }, hint: { en: 'Give the CT or MR series the structure set was drawn on.', zh: '请提供绘制该结构集所用的 CT 或 MR 序列。' } },
  J724: { severity: 'error', message: { en: 'The PET header lacks what SUV needs. {detail}', zh: 'PET 文件头缺少计算 SUV 所需的信息。{detail}' }, hint: { en: 'SUV needs Units BQML, the patient weight, the injected dose, its time and the half-life.', zh: 'SUV 需要 Units 为 BQML、患者体重、注射剂量、注射时间和半衰期。' } },
  J725: { severity: 'error', message: { en: 'The image has patient details burned into its pixels. {detail}', zh: '图像像素中烧录了患者信息。{detail}' }, hint: { en: 'Exclude it, or accept it explicitly after checking the pixels yourself.', zh: '请排除它，或在亲自检查像素后明确接受。' } },
  // --- a run folder opened in the app (`jimu train --out`, the PyTorch export's train.py --out, or their zip) ---
  J760: { severity: 'error', message: { en: 'The run folder has no model.json.', zh: '运行文件夹中没有 model.json。' }, hint: { en: 'Choose the folder that `jimu train --out` or `train.py --out` wrote (it holds model.json, weights.bin, history.json …), or a zip of it.', zh: '请选择 `jimu train --out` 或 `train.py --out` 写出的文件夹（其中有 model.json、weights.bin、history.json 等），或它的 zip 压缩包。' } },
  J761: { severity: 'error', message: { en: '{file} is not valid JSON: {detail}.', zh: '{file} 不是有效的 JSON：{detail}。' }, hint: { en: 'The file is damaged or was cut short; copy the run folder again.', zh: '文件已损坏或不完整；请重新复制运行文件夹。' } },
  J762: { severity: 'error', message: { en: '{file} is not what a run folder holds: {detail}.', zh: '{file} 不是运行文件夹应有的内容：{detail}。' }, hint: { en: 'Open the folder exactly as training wrote it; do not edit its files.', zh: '请按训练写出的原样打开文件夹；不要修改其中的文件。' } },
  J763: { severity: 'error', message: { en: 'The weights file {file} that model.json names is missing.', zh: 'model.json 所列的权重文件 {file} 不存在。' }, hint: { en: 'Copy model.json together with its weights file(s) from the same run.', zh: '请从同一次运行中一起复制 model.json 及其权重文件。' } },
  J764: { severity: 'error', message: { en: 'The weights ({files}) hold {found} bytes, but the weightsManifest of model.json describes {expected} bytes.', zh: '权重文件（{files}）有 {found} 字节，而 model.json 的 weightsManifest 描述的是 {expected} 字节。' }, hint: { en: 'The weights belong to another model or were cut short: copy model.json and its weights from the same run again.', zh: '权重属于另一个模型或不完整：请从同一次运行中重新复制 model.json 及其权重。' } },
  J765: { severity: 'warning', message: { en: 'The run folder has no {file}, so the run opens without {what}.', zh: '运行文件夹中没有 {file}，因此打开的运行中没有{what}。' }, hint: { en: 'Copy the whole folder that training wrote to see everything.', zh: '请复制训练写出的整个文件夹以查看全部内容。' } },
  J766: { severity: 'warning', message: { en: 'The predictions of "{set}" could not be read: {detail}.', zh: '无法读取"{set}"的预测结果：{detail}。' }, hint: { en: 'The other views are shown; score the files with `jimu evaluate` to see what is wrong with them.', zh: '其他视图照常显示；可用 `jimu evaluate` 对这些文件评分以查明问题。' } },
  J767: { severity: 'info', message: { en: 'Files that Jimu does not show were left aside ({count}): {names}.', zh: '已略过 {count} 个 Jimu 不显示的文件：{names}。' }, hint: { en: 'Nothing to do: checkpoints (model.pt) and other files stay where they are.', zh: '无需处理：检查点（model.pt）等文件保持原样。' } },
  J768: { severity: 'warning', message: { en: 'Zip entries with unsafe names were left aside ({count}): {names}.', zh: 'zip 中有 {count} 个条目名称不安全，已略过：{names}。' }, hint: { en: 'Names that are absolute or climb out of the folder (..) are never read. Zip the run folder again with `zip -r run.zip run`.', zh: '绝对路径或跳出文件夹（..）的名称永远不会被读取。请用 `zip -r run.zip run` 重新压缩运行文件夹。' } },
  J769: { severity: 'error', message: { en: 'The zip would unpack to more than {limit}, more than Jimu unpacks in the browser.', zh: '该 zip 解压后将超过 {limit}，超出 Jimu 在浏览器中解压的上限。' }, hint: { en: 'Leave checkpoints and other large files out of the zip, or open the run folder itself (only the files Jimu shows are read).', zh: '请把检查点等大文件排除在 zip 之外，或直接打开运行文件夹（只读取 Jimu 显示的文件）。' } },
  J770: { severity: 'error', message: { en: 'This is not a zip file Jimu can read: {detail}.', zh: '这不是 Jimu 能读取的 zip 文件：{detail}。' }, hint: { en: 'Zip the run folder again (`zip -r run.zip run`), or open the folder itself.', zh: '请重新压缩运行文件夹（`zip -r run.zip run`），或直接打开该文件夹。' } },
  J771: { severity: 'warning', message: { en: 'This run was trained from another pipeline than {doc}: {reason}. The run names its pipeline "{run}".', zh: '此运行并非由{doc}训练：{reason}。运行记录的流程名为"{run}"。' }, hint: { en: 'Open the pipeline the run was exported from first, or open the run anyway: its curves and scores are shown, but the model is not tried on files, since the pipeline would prepare them differently.', zh: '请先打开导出该运行的流程，或仍然打开此运行：会显示其曲线和分数，但不会用模型试验文件，因为流程对文件的预处理不同。' } },
  J772: { severity: 'error', message: { en: 'The zip entry {file} cannot be unpacked: {detail}.', zh: '无法解压 zip 条目 {file}：{detail}。' }, hint: { en: 'Zip the run folder again (`zip -r run.zip run`), without encryption, or open the folder itself.', zh: '请不加密重新压缩运行文件夹（`zip -r run.zip run`），或直接打开该文件夹。' } },
  J773: { severity: 'error', message: { en: 'The run folder holds more than {limit} of files that Jimu would read.', zh: '运行文件夹中 Jimu 需读取的文件超过 {limit}。' }, hint: { en: 'Open a run with fewer or smaller prediction files, or look at it with `jimu evaluate` in a terminal.', zh: '请打开预测文件更少或更小的运行，或在终端中用 `jimu evaluate` 查看。' } },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;
