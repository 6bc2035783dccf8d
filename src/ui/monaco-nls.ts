import type { Lang } from '../core';

const globalNls = globalThis as { _VSCODE_NLS_MESSAGES?: string[] | undefined };
let chinese: Promise<string[] | undefined> | null = null;

/**
 * Monaco's translations ship with it: its zh-cn.js puts a message table in a global, which Monaco reads
 * when its modules load (action and menu names) and each time it words something else. Loaded once and
 * kept, so the table follows the interface's language.
 */
function messages(lang: Lang): Promise<string[] | undefined> {
  if (lang === 'en') return Promise.resolve(undefined);
  chinese ??= (async () => {
    const before = globalNls._VSCODE_NLS_MESSAGES;
    await import('monaco-editor/nls/lang/zh-cn.js');
    const table = globalNls._VSCODE_NLS_MESSAGES;
    globalNls._VSCODE_NLS_MESSAGES = before;
    return table;
  })().catch(() => undefined);
  return chinese;
}

/** Makes Monaco speak `lang` from now on; call it before Monaco's modules load for their names too. */
export async function setMonacoLanguage(lang: Lang): Promise<void> {
  globalNls._VSCODE_NLS_MESSAGES = await messages(lang);
}

let namedIn: Lang | null = null;

/**
 * Records the language Monaco's modules loaded in. Monaco names its actions and menus once, when its
 * modules load, so those names keep that language until the page reloads (as VS Code asks for a restart
 * when its display language changes); everything Monaco words later follows {@link setMonacoLanguage}.
 */
export function noteMonacoLoaded(lang: Lang): void {
  namedIn ??= lang;
}

/** The language Monaco's menus speak (null before Monaco has loaded). */
export const monacoMenusLanguage = (): Lang | null => namedIn;
