import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../core';

const STORAGE_KEY = 'jimu.lang';

/** Interface strings; block texts come from the block declarations themselves. */
const resources = {
  en: {
    translation: {
      title: 'Jimu',
      tagline: 'Build medical-imaging AI from building blocks',
      library: 'Block library',
      blocks_count: '{{count}} blocks',
      search: 'Search blocks',
      inputs: 'Inputs',
      outputs: 'Outputs',
      parameters: 'Parameters',
      none: 'none',
      templates: 'Templates',
      language: 'Language',
      no_match: 'No block matches “{{query}}”.',
    },
  },
  zh: {
    translation: {
      title: '积木',
      tagline: '用积木搭建医学影像人工智能',
      library: '模块库',
      blocks_count: '共 {{count}} 个模块',
      search: '搜索模块',
      inputs: '输入',
      outputs: '输出',
      parameters: '参数',
      none: '无',
      templates: '模板',
      language: '语言',
      no_match: '没有与“{{query}}”匹配的模块。',
    },
  },
} as const;

export function initialLanguage(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function setLanguage(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(lang);
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

export default i18next;
