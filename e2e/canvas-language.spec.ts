import { expect, test } from '@playwright/test';

// React Flow's own controls and screen-reader texts follow the interface language, and no English
// attribution link sits in the canvas corner.
test('the canvas controls speak the interface language', async ({ page }) => {
  await page.goto('/');
  const controls = page.locator('.react-flow__controls');
  await expect(controls.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  await expect(controls).toHaveAttribute('aria-label', 'Canvas controls');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(controls.getByRole('button', { name: '放大' })).toBeVisible();
  await expect(controls.getByRole('button', { name: '缩小' })).toBeVisible();
  await expect(controls.getByRole('button', { name: '缩放以显示整个流程' })).toBeVisible();
  await expect(controls).toHaveAttribute('aria-label', '画布控制');
  await expect(page.getByRole('img', { name: '画布总览' })).toBeVisible();
  await expect(page.locator('.react-flow__attribution')).toHaveCount(0);
  await expect(page.locator('.react-flow')).not.toContainText('React Flow');
});
