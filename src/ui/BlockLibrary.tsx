import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BLOCKS } from '../../blocks';
import { CATEGORIES, CATEGORY_NAMES, type BlockDef, type Lang } from '../core';

function matches(def: BlockDef, q: string): boolean {
  if (!q) return true;
  const hay = `${def.type} ${def.label.en} ${def.label.zh} ${def.doc.en} ${def.doc.zh}`.toLowerCase();
  return hay.includes(q.toLowerCase());
}

/** Every block in the library, grouped by category, with its ports and parameters. */
export function BlockLibrary({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const groups = useMemo(
    () => CATEGORIES.map((c) => ({ category: c, blocks: BLOCKS.filter((b) => b.category === c && matches(b, query)) })).filter((g) => g.blocks.length > 0),
    [query],
  );
  return (
    <section className="library" aria-label={t('library')}>
      <div className="library-bar">
        <h2>{t('library')}</h2>
        <span className="count">{t('blocks_count', { count: BLOCKS.length })}</span>
        <input type="search" placeholder={t('search')} aria-label={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {groups.length === 0 && <p className="empty">{t('no_match', { query })}</p>}
      {groups.map((g) => (
        <section key={g.category} className="category" data-category={g.category}>
          <h3>{CATEGORY_NAMES[g.category][lang]}</h3>
          <ul>
            {g.blocks.map((b) => (
              <li key={b.type} className={`block cat-${b.category}`} data-type={b.type}>
                <div className="block-title">
                  <strong>{b.label[lang]}</strong> <code>{b.type}</code>
                </div>
                <p>{b.doc[lang]}</p>
                <div className="ports">
                  <span>
                    {t('inputs')}: {Object.keys(b.inputs).join(', ') || t('none')}
                  </span>
                  <span>
                    {t('outputs')}: {Object.keys(b.outputs).join(', ')}
                  </span>
                  <span>
                    {t('parameters')}: {Object.keys(b.params.shape).map((k) => b.paramText?.[k]?.label[lang] ?? k).join(', ') || t('none')}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
