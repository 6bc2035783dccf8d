import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BLOCKS } from '../../blocks';
import { CATEGORIES, CATEGORY_NAMES, type BlockDef } from '../core';
import { editorStore, registryFor, useEditor } from '../store';
import { BLOCK_MIME } from './Canvas';
import { useAddBlock } from './useAddBlock';
import { useLang } from './useLang';

function matches(def: BlockDef, q: string): boolean {
  if (!q) return true;
  const hay = `${def.type} ${def.label.en} ${def.label.zh} ${def.doc.en} ${def.doc.zh}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((w) => hay.includes(w));
}

function onDragStart(e: DragEvent, type: string) {
  e.dataTransfer.setData(BLOCK_MIME, type);
  e.dataTransfer.effectAllowed = 'move';
}

/** Every block in the library, grouped by category and searchable; click, Enter or drag to add. */
export function Palette() {
  const { t } = useTranslation();
  const lang = useLang();
  const addBlock = useAddBlock();
  const [query, setQuery] = useState('');
  const groups = useMemo(
    () => CATEGORIES.map((c) => ({ category: c, blocks: BLOCKS.filter((b) => b.category === c && matches(b, query.trim())) })).filter((g) => g.blocks.length > 0),
    [query],
  );
  const composites = useEditor((s) => s.doc.composites);
  const own = useMemo(() => {
    const registry = registryFor(editorStore.getState().doc);
    return Object.keys(composites ?? {})
      .map((type) => registry.get(type))
      .filter((b): b is BlockDef => !!b && matches(b, query.trim()));
  }, [composites, query]);
  const item = (b: BlockDef) => (
    <li key={b.type}>
      <button
        type="button"
        className={`palette-item cat-${b.category}`}
        data-type={b.type}
        draggable
        onDragStart={(e) => onDragStart(e, b.type)}
        onClick={() => addBlock(b.type)}
        title={`${b.type} — ${b.doc[lang]}`}
        aria-label={t('add_block', { label: b.label[lang] })}
      >
        <span className="palette-label">{b.label[lang]}</span>
      </button>
    </li>
  );
  return (
    <nav className="palette" aria-label={t('library')}>
      <div className="palette-head">
        <h2>{t('library')}</h2>
        <span className="count">{t('blocks_count', { count: BLOCKS.length })}</span>
      </div>
      <input className="palette-search" type="search" placeholder={t('search')} aria-label={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      <p className="palette-hint">{t('palette_hint')}</p>
      <div className="palette-list">
        {groups.length === 0 && <p className="empty">{t('no_match', { query })}</p>}
        {own.length > 0 && (
          <section className="palette-group" data-category="own">
            <h3>{t('own_composites')}</h3>
            <ul>{own.map(item)}</ul>
          </section>
        )}
        {groups.map((g) => (
          <section key={g.category} className="palette-group" data-category={g.category}>
            <h3>{CATEGORY_NAMES[g.category][lang]}</h3>
            <ul>{g.blocks.map(item)}</ul>
          </section>
        ))}
      </div>
    </nav>
  );
}
