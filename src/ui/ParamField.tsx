import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { localize, paramProblem, type BlockDef, type Text } from '../core';
import { editorStore } from '../store';
import { fieldOf, formatValue, readText } from '../store/param-form';
import { useLang } from './useLang';

interface Props {
  block: string;
  /** The block's name in messages ("Conv 2D (c1)"). */
  blockLabel: Text;
  def: Pick<BlockDef, 'params' | 'paramText'>;
  name: string;
  value: unknown;
}

function commit(block: string, param: string, value: unknown) {
  editorStore.getState().edit({ type: 'set-param', block, param, value });
}

/**
 * One parameter, as its schema says: a toggle, a choice, or text checked as it is typed. A value the
 * schema refuses is still written to the document as typed — nothing the user typed is thrown away —
 * and shown with the same coded problem (J102) that the block, Problems and the Code view show, in the
 * user's language; the compiler keeps Train disabled until it is fixed.
 */
export function ParamField({ block, blockLabel, def, name, value }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const schema = def.params.shape[name] as z.ZodType;
  const text = def.paramText?.[name];
  const field = fieldOf(schema);
  const shown = value === undefined ? field.default : value;
  const [draft, setDraft] = useState(formatValue(value));
  const label = text?.label[lang] ?? name;
  const help = text?.doc?.[lang];
  const typed = readText(field, draft);
  const diagnostic = typed === undefined ? null : paramProblem(def, name, typed, { block, label: blockLabel });
  const problem = diagnostic ? localize(diagnostic, lang) : null;

  const apply = () => {
    if (JSON.stringify(typed) !== JSON.stringify(value)) commit(block, name, typed);
  };

  let control;
  switch (field.kind) {
    case 'boolean':
      control = <input id={id} type="checkbox" checked={shown === true} onChange={(e) => commit(block, name, e.target.checked)} />;
      break;
    case 'enum':
      control = (
        <select id={id} value={String(shown ?? '')} onChange={(e) => commit(block, name, e.target.value === '' ? undefined : e.target.value)}>
          {field.optional && shown === undefined ? <option value="">—</option> : null}
          {/* A refused value kept in the document is shown as it is, not replaced by the first option. */}
          {shown !== undefined && shown !== null && !field.options.includes(String(shown)) ? <option value={String(shown)}>{String(shown)}</option> : null}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    default:
      control = (
        <input
          id={id}
          type="text"
          inputMode={field.kind === 'number' ? 'decimal' : undefined}
          value={draft}
          placeholder={field.default !== undefined && field.default !== null ? formatValue(field.default) : t('use_default')}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
            if (e.key === 'Escape') setDraft(formatValue(value));
          }}
        />
      );
  }
  return (
    <div className={`param${problem ? ' invalid' : ''}`} data-param={name}>
      <label htmlFor={id}>{label}</label>
      {control}
      {problem && diagnostic ? (
        <p className="param-problem" id={`${id}-problem`} role="alert" data-code={diagnostic.code}>
          {problem.message} <span className="param-problem-hint">{problem.hint}</span>
        </p>
      ) : null}
      {help ? <p className="param-help">{help}</p> : null}
    </div>
  );
}
