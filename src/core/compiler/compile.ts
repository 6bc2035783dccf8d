import type { BlockDef, InferContext } from '../block';
import { diagnostic, hasErrors, type BlockIssue, type Diagnostic } from '../diagnostics';
import { parseDocument, type PipelineDocument } from '../document';
import type { DatasetValue, ModelValue, PortValue } from '../ports';
import type { BlockCost, CostSummary, Plan, TrainSettings } from '../plan';
import { perExampleCount } from './cost';
import { withDocumentComposites } from './document-composites';
import { expandComposites, type Expansion } from './expand';
import { checkGraph, type Incoming } from './graph';
import { isInputBlock, kerasModel, modelBlocks } from './model';
import { checkParams } from './params';
import { similarTypes, type Registry } from './registry';
import type { Text } from '../text';

export interface CompileOptions {
  /** Warn (J407) when estimated training memory exceeds this many bytes. */
  memoryBudgetBytes?: number;
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

const BYTES = 4;

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
  // Composite blocks become their inner blocks; everything below sees ordinary blocks only.
  const expansion = expandComposites(original, registry, (b, def) => blockLabel(b, def));
  const doc = expansion.doc;
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...own.diagnostics, ...expansion.diagnostics];

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
    const label = blockLabel(b, def);
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
      result = { issues: [ctx.fail('J304', { detail: `internal error (${e instanceof Error ? e.message : String(e)})`, fix: { en: 'Please report this with the pipeline file.', zh: '请附上流程文件报告此问题。' } })] };
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
        out[name] = { ...value, inputShapes: shapes } satisfies ModelValue;
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
        // Weights, their gradients and two optimizer moments; activations kept for the backward pass,
        // their gradients, and one more copy of working space.
        trainingBytes = BYTES * (4 * modelCost.params + 3 * settings.batchSize * modelCost.activations);
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
              return [{ block: b.id, data: { steps: data.steps, image: data.image, label: data.label }, metrics, threshold: settings.threshold ?? 0.5 }];
            }),
          cost: { blocks: blocksCost, ...modelCost, trainingBytes },
        };
      }
    }
  }

  const valid = new Set(graph.valid);
  const expandedLinks = doc.links.map((_, i) => (valid.has(i) ? (linkValue(i) ?? null) : null));
  const cost: CostSummary = { blocks: blocksCost, ...modelCost, trainingBytes };
  if (expansion.doc === original) {
    return { document: original, diagnostics, outputs: Object.fromEntries(outputs), links: expandedLinks, cost, ...(plan ? { plan } : {}) };
  }
  return { ...collapse(original, expansion, diagnostics, outputs, expandedLinks, cost), ...(plan ? { plan } : {}) };
}

/** The name a block goes by in messages: the user's name for it, else its label and id. */
function blockLabel(b: { id: string; name?: string }, def: BlockDef): Text {
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

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
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
