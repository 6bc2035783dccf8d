import { expect, test, type Page } from '@playwright/test';
import { HANG_GUARD_MS } from './guards';

/** Right-clicks the code editor and returns its context menu (Monaco draws it in a shadow root). */
async function contextMenu(page: Page) {
  await page.locator('.code-view .view-lines').click({ button: 'right' });
  const menu = page.locator('.monaco-menu').first();
  await expect(menu).toBeVisible();
  return menu;
}

// Monaco names its own menus once, when it loads. After a switch of the interface language the Code view
// says so and offers a reload that keeps the document; after it, Monaco's menus speak the new language too.
test('after a language switch the code editor offers a reload, and its own menus then follow the language', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Pipeline name' }).fill('Menus test');
  await page.getByRole('textbox', { name: 'Pipeline name' }).press('Enter');
  await page.getByRole('button', { name: 'Code' }).click();
  await expect(page.locator('.code-view .monaco-editor')).toBeVisible({ timeout: HANG_GUARD_MS });
  await expect(page.getByTestId('code-menus-note')).toHaveCount(0);
  await expect(await contextMenu(page)).toContainText('Command Palette');
  await page.keyboard.press('Escape');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  const note = page.getByTestId('code-menus-note');
  await expect(note).toContainText('代码编辑器自带的菜单会在页面重新加载后切换语言，您的文档会保留。');
  await expect(await contextMenu(page)).toContainText('Command Palette'); // what the note explains
  await page.keyboard.press('Escape');
  await page.screenshot({ path: 'docs/code-menus-note-zh.png' });

  await note.getByRole('button', { name: '立即重新加载' }).click();
  await expect(page.getByRole('textbox', { name: '流程名称' })).toHaveValue('Menus test');
  await page.getByRole('button', { name: '代码' }).click();
  await expect(page.locator('.code-view .monaco-editor')).toBeVisible({ timeout: HANG_GUARD_MS });
  await expect(page.getByTestId('code-menus-note')).toHaveCount(0);
  const menu = await contextMenu(page);
  await expect(menu).toContainText('命令面板');
  await expect(menu).not.toContainText('Command Palette');
});
