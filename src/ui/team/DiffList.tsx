import { useTranslation } from 'react-i18next';
import type { PipelineDiff } from '../../core';

/** A parameter's value as the list shows it: text as it is, anything else as JSON; absent, "(not set)". */
function shown(v: unknown, unset: string): string {
  if (v === undefined) return unset;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** What changed between two versions of a pipeline, one line per block, parameter and link. */
export function DiffList({ diff, heading }: { diff: PipelineDiff; heading?: string }) {
  const { t } = useTranslation();
  const unset = t('team_diff_unset');
  const empty = !diff.blocks.length && !diff.links.added.length && !diff.links.removed.length && !diff.fields.length;
  return (
    <section className="team-diff" aria-label={heading ?? t('team_compare')}>
      {heading ? <h4>{heading}</h4> : null}
      {empty ? (
        <p>{t('team_diff_none')}</p>
      ) : (
        <ul>
          {diff.blocks.map((c) => {
            const key = `${c.kind}:${c.id}`;
            switch (c.kind) {
              case 'added':
                return <li key={key} className="diff-added">{t('team_diff_added', { block: c.id, type: c.type })}</li>;
              case 'removed':
                return <li key={key} className="diff-removed">{t('team_diff_removed', { block: c.id, type: c.type })}</li>;
              case 'retyped':
                return <li key={key}>{t('team_diff_retyped', { block: c.id, from: c.from, to: c.to })}</li>;
              case 'renamed':
                return <li key={key}>{t('team_diff_renamed', { block: c.id, from: c.from ?? unset, to: c.to ?? unset })}</li>;
              case 'params':
                return (
                  <li key={key}>
                    {t('team_diff_params', { block: c.id, type: c.type })}
                    <ul>
                      {c.params.map((p) => (
                        <li key={p.name}>{t('team_diff_param', { name: p.name, from: shown(p.from, unset), to: shown(p.to, unset) })}</li>
                      ))}
                    </ul>
                  </li>
                );
            }
          })}
          {diff.links.added.map((l) => (
            <li key={`+${l}`} className="diff-added">{t('team_diff_link_added', { link: l })}</li>
          ))}
          {diff.links.removed.map((l) => (
            <li key={`-${l}`} className="diff-removed">{t('team_diff_link_removed', { link: l })}</li>
          ))}
          {diff.fields.length ? <li>{t('team_diff_fields', { fields: diff.fields.join(', ') })}</li> : null}
        </ul>
      )}
    </section>
  );
}
