import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatNumber } from '../ui/format';
import { en, zh } from './locales';

const t = i18next.createInstance();
beforeAll(async () => {
  await t.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
});

/** Every placeholder a string uses, filled with a word, so a test can read the whole sentence. */
const fill = (s: string, count: number) => Object.fromEntries([...s.matchAll(/\{\{(\w+)\}\}/g)].map(([, k]) => [k!, k === 'count' ? count : 'x']));

describe('counted words', () => {
  const counted = Object.entries(en).filter(([, s]) => s.includes('{{count}}'));

  it('no English string writes a plural with "(s)"', () => {
    expect(Object.entries(en).filter(([, s]) => /\w\(s\)/.test(s)).map(([k]) => k)).toEqual([]);
  });

  it.each(['en', 'zh'] as const)('in %s, a count of one never reads "1 files", "1 blocks" …', async (lng) => {
    await t.changeLanguage(lng);
    const bases = [...new Set(counted.map(([k]) => k.replace(/_(one|other)$/, '')))];
    const wrong = bases
      .map((k) => (t.t as (key: string, options: object) => string)(k, fill((en as Record<string, string>)[`${k}_other`] ?? (en as Record<string, string>)[k]!, 1)))
      .filter((s) => /\b1 (files|blocks|examples|entries|voxels|pixels|errors|warnings|test examples)\b/.test(s));
    expect(wrong).toEqual([]);
  });

  it('reads the counts people see', async () => {
    await t.changeLanguage('en');
    expect(t.t('ds_files', { count: 1 })).toBe('1 file');
    expect(t.t('ds_files', { count: 18 })).toBe('18 files');
    expect(t.t('ds_excluded', { count: 1, files: 'a.dcm' })).toBe('1 file left out: a.dcm.');
    expect(t.t('evaluation_of', { count: 1, block: 'evaluate' })).toBe('Evaluation “evaluate” on 1 test example');
    await t.changeLanguage('zh');
    expect(t.t('ds_files', { count: 1 })).toBe('1 个文件');
    expect(t.t('ds_files', { count: 18 })).toBe('18 个文件');
  });
});

describe('dates and numbers in the UI language', () => {
  const at = '2026-12-04T17:28:11Z';
  it('writes a date and time as each language does', () => {
    expect(formatDateTime(at, 'en', 'UTC')).toBe('Dec 4, 2026, 5:28 PM');
    expect(formatDateTime(at, 'zh', 'UTC')).toBe('2026年12月4日 17:28');
    expect(formatDateTime('not a date', 'en')).toBe('–');
  });
  it('writes scores with fixed decimals and a dash when there is none', () => {
    expect(formatNumber(0.95712, 'en')).toBe('0.957');
    expect(formatNumber(1234.5, 'zh', 1)).toBe('1,234.5');
    expect(formatNumber(Number.NaN, 'zh')).toBe('–');
    expect(formatNumber(undefined, 'en')).toBe('–');
  });
});
