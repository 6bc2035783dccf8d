import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../core';
import { en, zh } from './locales';

const STORAGE_KEY = 'jimu.lang';

const resources = { en: { translation: en }, zh: { translation: zh } };

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

const startLanguage = initialLanguage();
document.documentElement.lang = startLanguage === 'zh' ? 'zh-CN' : 'en';

void i18next.use(initReactI18next).init({
  resources,
  lng: startLanguage,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

export default i18next;
