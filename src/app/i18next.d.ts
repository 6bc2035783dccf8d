/**
 * The interface's keys as types: `t('a_key_that_does_not_exist')` fails the type check, and so does a
 * template-literal key that can name a missing string (i18next's CustomTypeOptions, as tldraw types its
 * translation keys). English is the source; `Strings` in locales.ts makes every other language have the
 * same keys.
 */
import 'i18next';
import type { en } from './locales';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
