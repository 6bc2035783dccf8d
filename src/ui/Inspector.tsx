import { useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { blockLabel, localize, own, type Diagnostic } from '../core';
import { compiledFor, diagnosticsByBlock, editorStore, formatValue, registryFor, useEditor } from '../store';
import { compactBytes, compactNumber, describeValue } from './format';
import { ParamField } from './ParamField';
import { ShapeFromData } from './ShapeFromData';
import { DataPreview } from './preview/DataPreview';
import { useLang } from './useLang';
import { rememberView } from './view-memory';
import { editorCommands } from './useShortcuts';

/** A diagnostic's fix, applied in one undoable step: "Set Depth to 3". */
function ApplyFix({ block, params }: { block: string; params: Record<string, unknown> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const doc = useEditor((s) => s.doc);
  const b = doc.blocks.find((x) => x.id === block);
  const def = b && registryFor(doc).get(b.type);
  if (!b || !def) return null;
  const what = Object.entries(params)
    .map(([k, v]) => t('fix_set', { param: def.paramText?.[k]?.label[lang] ?? k, value: formatValue(v) }))
    .join(lang === 'zh' ? '，' : ', ');
  const apply = () => {
    const s = editorStore.getState();
    s.edit({ type: 'replace', document: { ...s.doc, blocks: s.doc.blocks.map((x) => (x.id === block ? { ...x, params: { ...x.params, ...params } } : x)) } });
  };
  return (
    <button type="button" className="apply-fix" data-testid="apply-fix" onClick={apply}>
      {what}
    </button>
  );
}

/** Problems, in the user's language, each with how to fix it. */
export function ProblemList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const lang = useLang();
  const { t } = useTranslation();
  if (diagnostics.length === 0) return <p className="no-problems">{t('no_problems')}</p>;
  return (
    <ul className="problems">
      {diagnostics.map((d, i) => {
        const { message, hint } = localize(d, lang);
        return (
          <li key={i} className={`problem problem-${d.severity}`} data-code={d.code}>
            <span className="problem-code">{d.code}</span> <span className="problem-message">{message}</span>
            <span className="problem-hint">→ {hint}</span>
            {d.fix && d.block ? <ApplyFix block={d.block} params={d.fix.params} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Opens a composite into its blocks, laid out in its place with the measured sizes of the blocks around
 * it; the view moves to the opened blocks, and undo brings back the view it had.
 */
async function openComposite(id: string, flow: ReactFlowInstance): Promise<void> {
  const before = editorStore.getState().doc;
  const sizes: Record<string, { width: number; height: number }> = {};
  for (const n of flow.getNodes()) if (n.measured?.width && n.measured.height) sizes[n.id] = { width: n.measured.width, height: n.measured.height };
  const view = flow.getViewport();
  const error = await editorCommands.openComposite(id, sizes[id], sizes);
  const s = editorStore.getState();
  if (error) return s.notify({ kind: 'info', key: 'composite_error', args: { text: error } });
  if (s.doc === before) return;
  rememberView(before, view);
  s.requestFit(s.selectedBlocks);
}

function BlockInspector({ id }: { id: string }) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const lang = useLang();
  const block = useEditor((s) => s.doc.blocks.find((b) => b.id === id));
  const doc = useEditor((s) => s.doc);
  if (!block) return null;
  const def = registryFor(doc).get(block.type);
  const compiled = compiledFor(doc);
  const problems = diagnosticsByBlock(compiled).get(id) ?? [];
  const cost = compiled.cost.blocks[id];
  const outputs = own(compiled.outputs, id);
  return (
    <div className="inspector-block" data-block={id}>
      <h2>{def ? def.label[lang] : block.type}</h2>
      <dl className="block-facts">
        <dt>{t('block_type')}</dt>
        <dd>
          <code>{block.type}</code>
        </dd>
        <dt>{t('block_id')}</dt>
        <dd>
          <code>{block.id}</code>
        </dd>
      </dl>
      {def?.run ? <DataPreview id={id} /> : null}
      <label className="param">
        {t('block_name')}
        <input
          key={`${id}:${block.name ?? ''}`}
          type="text"
          defaultValue={block.name ?? ''}
          maxLength={200}
          onBlur={(e) => e.target.value !== (block.name ?? '') && editorStore.getState().edit({ type: 'rename', block: id, name: e.target.value })}
        />
      </label>
      {def ? <p className="block-doc">{def.doc[lang]}</p> : null}
      {def?.expand ? (
        <button
          type="button"
          className="open-composite"
          title={t('open_composite_title')}
          onClick={() => void openComposite(id, flow)}
        >
          {t('open_composite')}
        </button>
      ) : null}
      <ShapeFromData id={id} />
      <h3>{t('parameters')}</h3>
      {def && Object.keys(def.params.shape).length ? (
        Object.keys(def.params.shape).map((name) => (
          <ParamField key={`${id}:${name}:${formatValue(block.params[name])}`} block={id} blockLabel={blockLabel(block, def)} def={def} name={name} value={block.params[name]} />
        ))
      ) : (
        <p>{t('no_params')}</p>
      )}
      {def && Object.keys(def.outputs).length ? (
        <>
          <h3>{t('outputs')}</h3>
          <ul className="output-values">
            {Object.entries(def.outputs).map(([name, spec]) => (
              <li key={name} data-port={name}>
                {t('label_colon', { label: spec.label?.[lang] ?? t(`port_${name}`, { defaultValue: name }) })} <code title={describeValue(outputs?.[name])}>{describeValue(outputs?.[name], lang) || '—'}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {cost && def?.lower ? (
        <p className="block-cost-line">
          {t('params_count', { n: compactNumber(cost.params) })} · {t('memory', { size: compactBytes(cost.activations * 4) })}
        </p>
      ) : null}
      <h3>{t('problems')}</h3>
      <ProblemList diagnostics={problems} />
    </div>
  );
}

function DocumentInspector() {
  const { t } = useTranslation();
  const lang = useLang();
  const doc = useEditor((s) => s.doc);
  const compiled = compiledFor(doc);
  const selected = useEditor((s) => s.selectedBlocks.length);
  return (
    <div className="inspector-document">
      <label className="param">
        {t('description')}
        <textarea
          key={`${lang}:${doc.description[lang]}`}
          defaultValue={doc.description[lang]}
          placeholder={doc.description[lang === 'en' ? 'zh' : 'en']}
          rows={3}
          onBlur={(e) => e.target.value !== doc.description[lang] && editorStore.getState().edit({ type: 'set-meta', description: { lang, text: e.target.value } })}
        />
      </label>
      <p className="hint">{selected > 1 ? t('selected_count', { count: selected }) : t('nothing_selected')}</p>
      <h3>{t('problems')}</h3>
      <ProblemList diagnostics={compiled.diagnostics} />
      <p className="hint small">{t('shortcuts')}</p>
    </div>
  );
}

/** The selected block's parameters, help and problems; the whole pipeline's problems otherwise. */
export function Inspector() {
  const { t } = useTranslation();
  const selected = useEditor((s) => (s.selectedBlocks.length === 1 ? s.selectedBlocks[0]! : null));
  return (
    <aside className="inspector" aria-label={t('inspector')}>
      {selected ? <BlockInspector key={selected} id={selected} /> : <DocumentInspector />}
    </aside>
  );
}
