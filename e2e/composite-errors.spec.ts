import { expect, test } from '@playwright/test';
import { connect, node, selectBlock, showBlock } from './editor-helpers';

/**
 * A teacher sets the glioma U-Net's depth to 4 on 24³ volumes: the problem is told on the U-Net, in its
 * own terms (the size must divide by 2^depth), in English and Chinese, with a fix the inspector applies;
 * no inner block's id reaches the screen. A link the U-Net cannot take names the U-Net, and the notice
 * closes once the document changes.
 */
test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="glioma-segmentation.pipeline.json"]').click();
  await expect(node(page, 'unet')).toBeVisible();
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
});

test('a U-Net too deep for its input says why on the U-Net, and its fix is one click', async ({ page }) => {
  await selectBlock(page, 'unet');
  const depth = page.locator('.param[data-param="depth"] input');
  await depth.fill('4');
  await depth.press('Enter');
  const problem = page.locator('.inspector-block .problem[data-code="J310"]');
  await expect(problem).toContainText('U-Net 3D (unet) halves its input 4 times, so the input’s depth, height and width must divide by 16; it gets [batch, 24, 24, 24, 4].');
  await expect(problem).toContainText('set Depth to 3');
  await expect(node(page, 'unet').locator('.block-node')).toHaveClass(/has-error/);
  await expect(node(page, 'unet').locator('.block-problem')).toContainText('must divide by 16');
  // No inner id anywhere on screen, and no advice about blocks the user cannot see.
  await expect(page.locator('body')).not.toContainText('unet__');
  await expect(page.locator('.problem[data-code="J302"]')).toHaveCount(0);
  await expect(page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true })).toBeDisabled();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(problem).toContainText('必须能被 16 整除');
  await expect(problem).toContainText('深度设为 3');
  await page.locator('.inspector-block .problems').screenshot({ path: 'test-results/composite-error-zh.png' });
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');

  await page.locator('.inspector-block .problems').screenshot({ path: 'test-results/composite-error-en.png' });
  await problem.getByTestId('apply-fix').click();
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
  await expect(page.locator('.param[data-param="depth"] input')).toHaveValue('3');
  await expect(node(page, 'unet').locator('.block-node')).not.toHaveClass(/has-error/);
});

test('a link the U-Net cannot take is refused naming the U-Net, and the notice closes when the document changes', async ({ page }) => {
  await showBlock(page, 'split');
  await connect(page, 'split', 'train', 'unet', 'in');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Connection refused');
  await expect(alert).toContainText('U-Net 3D (unet)');
  await expect(alert).not.toContainText('__');
  // Any change to the document closes it.
  await selectBlock(page, 'adam');
  const rate = page.locator('.param[data-param="learningRate"] input');
  await rate.fill('0.001');
  await rate.press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
