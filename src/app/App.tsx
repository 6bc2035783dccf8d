import { useTranslation } from 'react-i18next';
import type { Lang } from '../core';
import { BlockLibrary } from '../ui/BlockLibrary';
import { setLanguage } from './i18n';

export function App() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'zh' ? 'zh' : 'en') as Lang;
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          {t('title')} <span className="tagline">{t('tagline')}</span>
        </h1>
        <label className="lang">
          {t('language')}{' '}
          <select aria-label={t('language')} value={lang} onChange={(e) => setLanguage(e.target.value as Lang)}>
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </select>
        </label>
      </header>
      <main>
        <BlockLibrary lang={lang} />
      </main>
    </div>
  );
}
