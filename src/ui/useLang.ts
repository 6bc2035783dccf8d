import { useTranslation } from 'react-i18next';
import type { Lang } from '../core';

/** The interface language, as the block texts and diagnostics name it. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'zh' ? 'zh' : 'en';
}
