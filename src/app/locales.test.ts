import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en, zh } from './locales';

/** i18next's plural endings: a key written `x_one` / `x_other` is looked up as `x`. */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map(([, k]) => k!))].sort();

/** A plural form: English has the `_other` form of its base ("predict_one" is a word, not a plural). */
const isPlural = (k: string) => PLURAL.test(k) && `${k.replace(PLURAL, '')}_other` in en;

/** Each key's placeholders, plural forms folded into their base key (Chinese needs only `_other`). */
function byBase(strings: Record<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [k, s] of Object.entries(strings)) {
    const base = isPlural(k) ? k.replace(PLURAL, '') : k;
    const set = out.get(base) ?? new Set<string>();
    // `count` may be left out of a one-form ("one file"); the other placeholders must match.
    for (const p of placeholders(s)) if (!(isPlural(k) && p === 'count')) set.add(p);
    out.set(base, set);
  }
  return out;
}

describe('the English and Chinese interface strings', () => {
  it('have exactly the same keys, plural forms counted once', () => {
    const a = [...byBase(en)].map(([k]) => k).sort();
    const b = [...byBase(zh)].map(([k]) => k).sort();
    expect(b.filter((k) => !a.includes(k))).toEqual([]);
    expect(a.filter((k) => !b.includes(k))).toEqual([]);
  });

  it('have every plural key in the forms each language needs (English one and other, Chinese other)', () => {
    const plurals = Object.keys(en).filter(isPlural);
    for (const k of plurals.filter((k) => k.endsWith('_one'))) expect(Object.keys(en)).toContain(k.replace(/_one$/, '_other'));
    for (const k of plurals.filter((k) => k.endsWith('_other'))) expect(Object.keys(zh)).toContain(k);
  });

  it('use the same {{placeholders}} per key', () => {
    const a = byBase(en);
    const b = byBase(zh);
    const differ = [...a].filter(([k, ps]) => [...ps].sort().join() !== [...(b.get(k) ?? [])].sort().join()).map(([k, ps]) => `${k}: en {${[...ps]}} zh {${[...(b.get(k) ?? [])]}}`);
    expect(differ).toEqual([]);
  });

  it('write Chinese sentences with full-width punctuation (，。：；（）), never ASCII beside a Chinese character', () => {
    const cjk = '[\\u3400-\\u9fff]';
    // A full stop before a letter is a file extension (".nii.gz"), not the end of a sentence.
    const ascii = new RegExp(`${cjk}\\s*([,:;()?!]|\\.(?![A-Za-z0-9]))|[,:;()](?!\\d)\\s*${cjk}`);
    // A placeholder or a number between the brackets is still a Chinese sentence: "（{{source}}）".
    const wrong = Object.entries(zh).filter(([, s]) => ascii.test(s.replace(/\{\{[^}]*\}\}/g, 'x')) || /[\u3400-\u9fff][:,;]/.test(s));
    expect(wrong.map(([k, s]) => `${k}: ${s}`)).toEqual([]);
  });
});

describe('typed keys', () => {
  it('make a key that does not exist a type error', async () => {
    const i = i18next.createInstance();
    await i.init({ resources: { en: { translation: en } }, lng: 'en' });
    const t = i.t;
    // @ts-expect-error -- not a key of the interface strings: the type check refuses it.
    const missing = () => t('missing_key');
    expect(typeof missing).toBe('function');
    expect(typeof t('train')).toBe('string');
  });
});
