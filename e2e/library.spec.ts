import { expect, test } from '@playwright/test';

test('the start page lists the block library by category, searchable, in English and Chinese', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Block library' })).toBeVisible();
  const layers = page.locator('section.category[data-category="layer"]');
  await expect(layers.getByRole('heading', { name: 'Layers' })).toBeVisible();
  await expect(layers.locator('li[data-type="Dense"]')).toContainText('Dense');

  await page.getByRole('searchbox', { name: 'Search blocks' }).fill('flatten');
  await expect(page.locator('li[data-type="Dense"]')).toBeVisible(); // Dense's help text mentions Flatten
  await expect(page.locator('li[data-type="Train"]')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search blocks' }).fill('');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByRole('heading', { name: '模块库' })).toBeVisible();
  await expect(page.locator('li[data-type="Dense"]')).toContainText('全连接层');
  await page.reload();
  await expect(page.getByRole('heading', { name: '模块库' })).toBeVisible(); // the choice is remembered
  await page.screenshot({ path: 'test-results/library-zh.png', fullPage: false });
});
