import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Text } from '../core';
import { editorStore } from '../store';
import { checkValue, fieldOf, formatValue, readText } from '../store/param-form';
import { useLang } from './useLang';

interface Props {
  block: string;
  name: string;
  schema: z.ZodType;
  value: unknown;
  text?: { label: Text; doc?: Text } | undefined;
}

function commit(block: string, param: string, value: unknown) {
  editorStore.getState().edit({ type: 'set-param', block, param, value });
}

/**
 * One parameter, as its schema says: a toggle, a choice, or text checked as it is typed. A wrong
 * value is shown with the reason and kept out of the document until it is right.
 */
export function ParamField({ block, name, schema, value, text }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const field = fieldOf(schema);
  const shown = value === undefined ? field.default : value;
  const [draft, setDraft] = useState(formatValue(value));
  const [problem, setProblem] = useState<string | null>(null);
  const label = text?.label[lang] ?? name;
  const help = text?.doc?.[lang];

  const check = (raw: string) => {
    const r = checkValue(schema, readText(field, raw));
    setProblem(r.ok ? null : r.problem);
    return r;
  };
  const apply = () => {
    const r = check(draft);
    if (r.ok && JSON.stringify(r.value) !== JSON.stringify(value)) commit(block, name, r.value);
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
          onChange={(e) => {
            setDraft(e.target.value);
            check(e.target.value);
          }}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
            if (e.key === 'Escape') {
              setDraft(formatValue(value));
              setProblem(null);
            }
          }}
        />
      );
  }
  return (
    <div className={`param${problem ? ' invalid' : ''}`} data-param={name}>
      <label htmlFor={id}>{label}</label>
      {control}
      {problem ? (
        <p className="param-problem" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      ) : null}
      {help ? <p className="param-help">{help}</p> : null}
    </div>
  );
}
