import { useTranslation } from 'react-i18next';
import { localize, type Diagnostic } from '../core';
import { compiledFor, diagnosticsByBlock, editorStore, formatValue, registryFor, useEditor } from '../store';
import { compactBytes, compactNumber, describeValue } from './format';
import { ParamField } from './ParamField';
import { DataPreview } from './preview/DataPreview';
import { useLang } from './useLang';
import { editorCommands } from './useShortcuts';

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
          </li>
        );
      })}
    </ul>
  );
}

function BlockInspector({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const block = useEditor((s) => s.doc.blocks.find((b) => b.id === id));
  const doc = useEditor((s) => s.doc);
  if (!block) return null;
  const def = registryFor(doc).get(block.type);
  const compiled = compiledFor(doc);
  const problems = diagnosticsByBlock(compiled).get(id) ?? [];
  const cost = compiled.cost.blocks[id];
  const outputs = compiled.outputs[id];
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
          onClick={() => {
            const error = editorCommands.openComposite(id);
            if (error) editorStore.getState().notify({ kind: 'info', key: 'composite_error', args: { text: error } });
          }}
        >
          {t('open_composite')}
        </button>
      ) : null}
      <h3>{t('parameters')}</h3>
      {def && Object.keys(def.params.shape).length ? (
        Object.entries(def.params.shape).map(([name, schema]) => (
          <ParamField
            key={`${id}:${name}:${formatValue(block.params[name])}`}
            block={id}
            name={name}
            schema={schema as never}
            value={block.params[name]}
            text={def.paramText?.[name]}
          />
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
                {spec.label?.[lang] ?? name}: <code>{describeValue(outputs?.[name]) || '—'}</code>
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
  const doc = useEditor((s) => s.doc);
  const compiled = compiledFor(doc);
  const selected = useEditor((s) => s.selectedBlocks.length);
  return (
    <div className="inspector-document">
      <label className="param">
        {t('description')}
        <textarea
          key={doc.description}
          defaultValue={doc.description}
          rows={3}
          onBlur={(e) => e.target.value !== doc.description && editorStore.getState().edit({ type: 'set-meta', description: e.target.value })}
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
