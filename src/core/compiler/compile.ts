import type { BlockDef, InferContext } from '../block';
import { upgradeBlocks } from '../block-migrations';
import { diagnostic, hasErrors, localize, type BlockIssue, type Diagnostic } from '../diagnostics';
import { parseDocument, type PipelineDocument } from '../document';
import type { DatasetValue, ModelValue, PortValue } from '../ports';
import { formatShape } from '../shape';
import { clip } from '../text';
import { SLIDING_WINDOW_DEFAULTS } from '../sliding-window';
import type { BlockCost, CostSummary, MemoryEstimate, Plan, TrainSettings } from '../plan';
import { perExampleCount } from './cost';
import { formatBytes, memoryDiagnostic, memoryEstimate, memoryOverrun, type MemoryLimits } from './memory';
import { withDocumentComposites } from './document-composites';
import { convolutionalCheck } from './convolutional';
import { expandComposites, type Expansion } from './expand';
import { checkGraph, type Incoming } from './graph';
import { isInputBlock, kerasModel, modelBlocks } from './model';
import { checkParams } from './params';
import { similarTypes, type Registry } from './registry';
import type { Text } from '../text';

export interface CompileOptions {
  /** Warn (J407) when estimated training memory exceeds this many bytes. */
  memoryBudgetBytes?: number;
  /** Refuse (J409) a model that cannot fit where it will train: the backend's heap, the machine. */
  memoryLimits?: MemoryLimits;
}

export interface CompileResult {
  document?: PipelineDocument;
  diagnostics: Diagnostic[];
  /** Output values by block id, then port. Blocks that could not be inferred are absent. */
  outputs: Record<string, Record<string, PortValue>>;
  /** What each link carries, by index in `document.links`; null where unknown. */
  links: (PortValue | null)[];
  /** Parameter count, multiply-adds and activations of every model block that was inferred. */
  cost: CostSummary;
  plan?: Plan;
}

/**
 * Document → plan. Pure and synchronous, fast enough to run on every edit. Never throws:
 * everything that is wrong comes back as diagnostics.
 */
export function compile(input: unknown, libraryRegistry: Registry, options: CompileOptions = {}): CompileResult {
  const parsed = parseDocument(input);
  const empty: CostSummary = { blocks: {}, params: 0, macs: 0, activations: 0, trainingBytes: 0 };
  if (!parsed.document) return { diagnostics: parsed.diagnostics, outputs: {}, links: [], cost: empty };
  const original = parsed.document;
  // The document's own composite blocks join the library for this compile.
  const own = withDocumentComposites(original, libraryRegistry);
  const registry = own.registry;
  // Parameters saved for an older version of a block are brought up to the library's version.
  const upgraded = upgradeBlocks(original, registry);
  // Composite blocks become their inner blocks; everything below sees ordinary blocks only.
  const expansion = expandComposites(upgraded.doc, registry, (b, def) => blockLabel(b, def));
  const doc = expansion.doc;
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...own.diagnostics, ...upgraded.diagnostics, ...expansion.diagnostics];

  // 1. Resolve types and parameters.
  const defs = new Map<string, BlockDef>();
  const labels = new Map<string, Text>();
  const params = new Map<string, unknown>();
  for (const b of doc.blocks) {
    const def = registry.get(b.type);
    if (!def) {
      const similar = similarTypes(registry, b.type);
      diagnostics.push(
        diagnostic('J101', { block: b.id, type: b.type, suggestion: similar.length ? { en: ` Did you mean ${similar.join(', ')}?`, zh: ` 你是否想用 ${similar.join('、')}？` } : '' }, { block: b.id }),
      );
      continue;
    }
    defs.set(b.id, def);
    // A block inside a composite goes by the composite's name: the user drew the composite, not it.
    const top = expansion.owner.get(b.id) ?? b.id;
    const topBlock = top !== b.id ? original.blocks.find((x) => x.id === top) : undefined;
    const topDef = topBlock && registry.get(topBlock.type);
    const label = topBlock && topDef ? blockLabel(topBlock, topDef) : blockLabel(b, def);
    labels.set(b.id, label);
    const p = checkParams(def, b.params, b.id, label);
    diagnostics.push(...p.diagnostics);
    if (p.params !== undefined) params.set(b.id, p.params);
  }

  // 2. Links, kinds and loops.
  const graph = checkGraph(doc, defs, labels);
  diagnostics.push(...graph.diagnostics);

  // 3. Inference in topological order.
  const outputs = new Map<string, Record<string, PortValue>>();
  const linkValue = (i: number): PortValue | undefined => {
    const l = doc.links[i]!;
    return outputs.get(l.from.block)?.[l.from.port];
  };
  for (const id of graph.order) {
    const def = defs.get(id);
    if (!def || !params.has(id) || graph.broken.has(id)) continue;
    const ports = graph.incoming.get(id)!;
    const inputs: Record<string, PortValue | PortValue[] | undefined> = {};
    let ready = true;
    for (const [name, spec] of Object.entries(def.inputs)) {
      const values = (ports.get(name) ?? []).map(linkValue);
      if (values.some((v) => v === undefined)) ready = false;
      inputs[name] = spec.multiple ? (values as PortValue[]) : values[0];
    }
    if (!ready) continue; // an upstream block failed and said so; do not repeat its error here
    const label = labels.get(id)!;
    const ctx: InferContext = {
      id,
      label,
      fail: (code, args = {}, port) => ({ code, args: { label, ...args }, ...(port ? { port } : {}) }),
    };
    let result: ReturnType<BlockDef['infer']>;
    try {
      result = def.infer(inputs, params.get(id), ctx);
    } catch (e) {
      result = { issues: [ctx.fail('J309', { detail: clip(e instanceof Error ? e.message : String(e), 200) })] };
    }
    const toDiagnostic = (issue: BlockIssue, severity?: Diagnostic['severity']) =>
      diagnostic(issue.code, issue.args, { block: id, ...(issue.port ? { port: issue.port } : {}), ...(issue.severity ?? severity ? { severity: issue.severity ?? severity } : {}) });
    if ('issues' in result) {
      diagnostics.push(...result.issues.map((issue) => toDiagnostic(issue)));
      continue;
    }
    diagnostics.push(...(result.warnings ?? []).map((issue) => toDiagnostic(issue, 'warning')));
    const out = { ...result.outputs };
    for (const [name, value] of Object.entries(out)) {
      if (value.kind === 'tensor') out[name] = { ...value, source: { block: id, port: name } };
      if (value.kind === 'dataset' && def.run) {
        const upstream = Object.values(inputs).find((v): v is DatasetValue => !!v && !Array.isArray(v) && v.kind === 'dataset');
        out[name] = { ...value, steps: [...(upstream?.steps ?? []), { block: id, type: def.type, params: params.get(id) as Record<string, unknown>, output: name }] };
      }
      if (value.kind === 'model' && !value.trainedBy) {
        const blocks = modelBlocks(doc, graph.incoming, defs, value.output.block, graph.order);
        const inputBlocks = blocks.filter((b) => isInputBlock(defs.get(b)));
        if (inputBlocks.length === 0) {
          diagnostics.push(diagnostic('J405', { label }, { block: id }));
          delete out[name];
          continue;
        }
        const shapes = inputBlocks.map((b) => (outputs.get(b)?.out as { shape: (number | null)[] } | undefined)?.shape ?? []);
        const convolutional = convolutionalCheck({ blocks, doc, incoming: graph.incoming, defs, labels, outputs, outputBlock: value.output.block });
        out[name] = { ...value, inputShapes: shapes, convolutional } satisfies ModelValue;
      }
    }
    if (Object.keys(out).length === Object.keys(def.outputs).length) outputs.set(id, out);
  }

  // 4. Costs of model blocks.
  const blocksCost: Record<string, BlockCost> = {};
  for (const [id, out] of outputs) {
    const def = defs.get(id)!;
    if (!def.lower) continue;
    const o = out.out;
    if (!o || o.kind !== 'tensor') continue;
    const inputShapes = Object.entries(def.inputs)
      .filter(([, s]) => s.kind === 'tensor')
      .flatMap(([name]) => (graph.incoming.get(id)?.get(name) ?? []).map((i) => (linkValue(i) as { shape: (number | null)[] }).shape));
    const c = def.cost ? def.cost(params.get(id), { inputs: inputShapes, output: o.shape }) : { params: 0, macs: 0 };
    blocksCost[id] = { ...c, activations: perExampleCount(o.shape) };
  }

  // 5. The plan.
  const trainBlocks = doc.blocks.filter((b) => defs.get(b.id)?.train);
  let plan: Plan | undefined;
  let trainingBytes = 0;
  let memory: MemoryEstimate | undefined;
  const modelCost = { params: 0, macs: 0, activations: 0 };
  if (trainBlocks.length === 0 && doc.blocks.length > 0) diagnostics.push(diagnostic('J401', {}));
  if (trainBlocks.length > 1) diagnostics.push(diagnostic('J402', { count: trainBlocks.length, blocks: trainBlocks.map((b) => b.id).join(', ') }, { block: trainBlocks[1]!.id }));
  if (trainBlocks.length === 1) {
    const tb = trainBlocks[0]!;
    const def = defs.get(tb.id)!;
    const ports = graph.incoming.get(tb.id)!;
    const first = (name: string) => {
      const i = ports.get(name)?.[0];
      return i === undefined ? undefined : linkValue(i);
    };
    const model = first('model');
    const optimizer = first('optimizer');
    const train = first('train');
    const validation = first('validation');
    if (model?.kind === 'model') {
      const blocks = modelBlocks(doc, graph.incoming, defs, model.output.block, graph.order);
      for (const b of blocks) {
        const c = blocksCost[b];
        if (c) {
          modelCost.params += c.params;
          modelCost.macs += c.macs;
          modelCost.activations += c.activations;
        }
      }
      const settings: TrainSettings | undefined = params.has(tb.id) ? def.train!(params.get(tb.id)) : undefined;
      if (settings) {
        memory = memoryEstimate({
          params: modelCost.params,
          activations: modelCost.activations,
          batchSize: settings.batchSize,
          ...(optimizer?.kind === 'optimizer' ? { optimizer: optimizer.spec } : {}),
          blocks: blocks.flatMap((b) => (blocksCost[b] ? [blocksCost[b]] : [])),
          ...(train?.kind === 'dataset' ? { data: { image: train.image, label: train.label, steps: train.steps } } : {}),
        });
        trainingBytes = memory.total;
        const over = options.memoryLimits ? memoryOverrun(memory, options.memoryLimits) : undefined;
        if (over) {
          diagnostics.push(memoryDiagnostic(over, settings.batchSize, tb.id));
        }
        if (options.memoryBudgetBytes !== undefined && trainingBytes > options.memoryBudgetBytes) {
          diagnostics.push(diagnostic('J407', { need: formatBytes(trainingBytes), batch: settings.batchSize, available: formatBytes(options.memoryBudgetBytes) }, { block: tb.id }));
        }
      }
      if (settings && !hasErrors(diagnostics) && optimizer?.kind === 'optimizer' && train?.kind === 'dataset') {
        const inputBlocks = blocks.filter((b) => isInputBlock(defs.get(b)));
        const seed = settings.seed ?? doc.meta.seed;
        plan = {
          format: 'jimu.plan',
          version: 1,
          name: doc.name,
          seed,
          task: train.task,
          labelNames: train.labelNames,
          ...(train.labelUnit ? { labelUnit: train.labelUnit } : {}),
          model: {
            topology: kerasModel({ name: doc.name, seed, blocks, doc, incoming: graph.incoming, defs, params, outputs, outputBlock: model.output.block }),
            inputs: inputBlocks.map((b) => ({ block: b, shape: (outputs.get(b)!.out as { shape: (number | null)[] }).shape })),
            output: { block: model.output.block, shape: model.outputShape },
          },
          data: {
            train: { steps: train.steps, image: train.image, label: train.label },
            validation: validation?.kind === 'dataset' ? { steps: validation.steps, image: validation.image, label: validation.label } : null,
          },
          training: { ...settings, seed, block: tb.id, loss: model.loss, optimizer: optimizer.spec, metrics: model.metrics },
          evaluations: doc.blocks
            .filter((b) => defs.get(b.id)?.evaluate && params.has(b.id))
            .flatMap((b) => {
              const i = graph.incoming.get(b.id)?.get('data')?.[0];
              const data = i === undefined ? undefined : linkValue(i);
              if (data?.kind !== 'dataset') return [];
              const report = outputs.get(b.id)?.report;
              const settings = defs.get(b.id)!.evaluate!(params.get(b.id));
              const metrics = report?.kind === 'report' ? report.metrics : [];
              // Volumes larger than the model input (Evaluate has checked the model can slide): windows of its input size.
              const window = model.inputShapes[0]?.slice(1, -1) ?? [];
              const slides = model.convolutional?.ok && window.length === data.image.length - 1 && window.some((d, a) => d !== data.image[a]);
              const slidingWindow = slides && model.convolutional?.ok ? { ...SLIDING_WINDOW_DEFAULTS, ...settings.slidingWindow, window: window as number[], divisor: model.convolutional.divisor } : undefined;
              return [{ block: b.id, data: { steps: data.steps, image: data.image, label: data.label }, metrics, threshold: settings.threshold ?? 0.5, ...(slidingWindow ? { slidingWindow } : {}) }];
            }),
          cost: { blocks: blocksCost, ...modelCost, trainingBytes, ...(memory ? { memory } : {}) },
        };
      }
    }
  }

  const valid = new Set(graph.valid);
  const expandedLinks = doc.links.map((_, i) => (valid.has(i) ? (linkValue(i) ?? null) : null));
  const cost: CostSummary = { blocks: blocksCost, ...modelCost, trainingBytes, ...(memory ? { memory } : {}) };
  if (expansion.doc === original) {
    return { document: original, diagnostics, outputs: Object.fromEntries(outputs), links: expandedLinks, cost, ...(plan ? { plan } : {}) };
  }
  return { ...collapse(original, expansion, inComposites(original, expansion, registry, diagnostics, outputs), outputs, expandedLinks, cost), ...(plan ? { plan } : {}) };
}

/**
 * Shape problems inside a composite, said in the composite's terms: the composite's own checks on its
 * inputs first (they name its parameters and carry a fix for its inspector), and when none applies,
 * one J311 that names the inner step by its kind, never by an inner id.
 */
function inComposites(original: PipelineDocument, expansion: Expansion, registry: Registry, diagnostics: Diagnostic[], outputs: Map<string, Record<string, PortValue>>): Diagnostic[] {
  const valueFrom = (ref: { block: string; port: string }): PortValue | undefined => {
    const inner = expansion.outputs.get(ref.block)?.[ref.port];
    return inner ? outputs.get(inner.block)?.[inner.port] : outputs.get(ref.block)?.[ref.port];
  };
  const typeOf = new Map(expansion.doc.blocks.map((b) => [b.id, b.type]));
  const replaced = new Set<string>();
  const added: Diagnostic[] = [];
  for (const b of original.blocks) {
    const def = registry.get(b.type);
    if (!def?.expand) continue;
    const inner = diagnostics.filter((d) => d.block !== undefined && d.block !== b.id && expansion.owner.get(d.block) === b.id && d.code.startsWith('J3'));
    const inputs: Record<string, PortValue | undefined> = {};
    for (const l of original.links) if (l.to.block === b.id) inputs[l.to.port] = valueFrom(l.from);
    const label = blockLabel(b, def);
    const parsed = def.params.safeParse(b.params);
    const ctx: InferContext = { id: b.id, label, fail: (code, args = {}, port) => ({ code, args: { label, ...args }, ...(port ? { port } : {}) }) };
    const own = def.check && parsed.success && Object.values(inputs).every((v) => v !== undefined) ? def.check(inputs, parsed.data, ctx) : [];
    if (own.length) {
      for (const d of inner) replaced.add(d.message + d.block);
      added.push(...own.map((issue) => ({ ...diagnostic(issue.code, issue.args, { block: b.id, ...(issue.port ? { port: issue.port } : {}) }), ...(issue.fix ? { fix: issue.fix } : {}) })));
      continue;
    }
    const first = inner[0];
    if (!first) continue;
    for (const d of inner) replaced.add(d.message + d.block);
    // The inner message again, its subject now "its Concatenate step" rather than an inner id.
    const step = registry.get(typeOf.get(first.block!) ?? '');
    const subject = step ? { en: `its ${step.label.en} step`, zh: `其中的${step.label.zh}步骤` } : { en: 'one of its steps', zh: '其中一个步骤' };
    const again = diagnostic(first.code, { ...first.args, label: subject });
    const detail = { en: localize(again, 'en').message.replace(/\.$/, ''), zh: localize(again, 'zh').message.replace(/。$/, '') };
    const actual = Object.values(inputs).find((v) => v?.kind === 'tensor');
    added.push(diagnostic('J311', { label, actual: actual?.kind === 'tensor' ? formatShape(actual.shape) : '?', detail }, { block: b.id }));
  }
  return [...diagnostics.filter((d) => !replaced.has(d.message + d.block)), ...added];
}

/** The name a block goes by in messages: the user's name for it, else its label and id. */
export function blockLabel(b: { id: string; name?: string }, def: Pick<BlockDef, 'label'>): Text {
  return b.name ? { en: `${b.name}`, zh: `${b.name}` } : { en: `${def.label.en} (${b.id})`, zh: `${def.label.zh}（${b.id}）` };
}

/** Reports results of an expanded document in terms of the document the user drew. */
function collapse(
  original: PipelineDocument,
  expansion: Expansion,
  diagnostics: Diagnostic[],
  outputs: Map<string, Record<string, PortValue>>,
  expandedLinks: (PortValue | null)[],
  cost: CostSummary,
): Omit<CompileResult, 'plan'> {
  const firstLevel = new Map<number, number>();
  expansion.linkIndex.forEach((e, i) => e >= 0 && firstLevel.set(e, i));
  const mapped = diagnostics.map((d) => {
    const out = { ...d };
    if (d.block !== undefined) {
      const top = expansion.owner.get(d.block) ?? d.block;
      if (top !== d.block) {
        out.block = top;
        delete out.port;
      }
    }
    if (d.link !== undefined) {
      const l = firstLevel.get(d.link);
      if (l === undefined) delete out.link;
      else out.link = l;
    }
    return out;
  });
  const outs: Record<string, Record<string, PortValue>> = {};
  for (const b of original.blocks) {
    const ports = expansion.outputs.get(b.id);
    if (!ports) {
      const o = outputs.get(b.id);
      if (o) outs[b.id] = o;
      continue;
    }
    const o: Record<string, PortValue> = {};
    for (const [port, ref] of Object.entries(ports)) {
      const v = outputs.get(ref.block)?.[ref.port];
      if (v) o[port] = v.kind === 'tensor' ? { ...v, source: { block: b.id, port } } : v;
    }
    if (Object.keys(o).length) outs[b.id] = o;
  }
  const blocks: Record<string, BlockCost> = {};
  for (const [id, c] of Object.entries(cost.blocks)) {
    const top = expansion.owner.get(id) ?? id;
    const sum = blocks[top] ?? { params: 0, macs: 0, activations: 0 };
    blocks[top] = { params: sum.params + c.params, macs: sum.macs + c.macs, activations: sum.activations + c.activations };
  }
  const links = original.links.map((_, i) => {
    const e = expansion.linkIndex[i]!;
    const v = e >= 0 ? expandedLinks[e] ?? null : null;
    return v && v.kind === 'tensor' && v.source ? { ...v, source: { block: expansion.owner.get(v.source.block) ?? v.source.block, port: original.links[i]!.from.port } } : v;
  });
  return { document: original, diagnostics: dedupe(mapped), outputs: outs, links, cost: { ...cost, blocks } };
}

/** Several inner blocks can report the same problem on one composite: say it once. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.code}|${d.block}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Runs one block's inference alone, for tests and the editor's connection checks. */
export function inferBlock(def: BlockDef, rawParams: Record<string, unknown>, inputs: Record<string, PortValue | PortValue[] | undefined>, id = 'b') {
  const label: Text = { en: `${def.label.en} (${id})`, zh: `${def.label.zh}（${id}）` };
  const p = checkParams(def, rawParams, id, label);
  if (p.params === undefined) return { diagnostics: p.diagnostics };
  const ctx: InferContext = { id, label, fail: (code, args = {}, port) => ({ code, args: { label, ...args }, ...(port ? { port } : {}) }) };
  const r = def.infer(inputs, p.params, ctx);
  if ('issues' in r) return { diagnostics: r.issues.map((i) => diagnostic(i.code, i.args, { block: id, ...(i.port ? { port: i.port } : {}) })) };
  return { outputs: r.outputs, params: p.params, diagnostics: [] as Diagnostic[] };
}

export type { Incoming };
