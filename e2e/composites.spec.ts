import { expect, test } from '@playwright/test';
import { addBlock, buildClassifier, node, selectBlock } from './editor-helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Blocks' })).toBeVisible();
});

test('groups blocks into a composite of the document, reuses it from the palette, and opens it again', async ({ page }) => {
  await buildClassifier(page);
  // Select Flatten and Dense together (Ctrl-click adds to the selection), then group them.
  await selectBlock(page, 'flatten1');
  await node(page, 'dense1').locator('.block-head').click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Group' }).click();
  await expect(node(page, 'flatten1')).toHaveCount(0);
  await expect(node(page, 'group1')).toBeVisible();
  // The links around the group survive and still carry their shapes.
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge[data-id="group1.out->categoricalcrossentropy1.pred"]')).toBeVisible();
  // The new composite is in the palette under "Made in this document".
  const own = page.locator('.palette-group[data-category="own"]');
  await expect(own).toContainText('My block');
  await own.locator('.palette-item').click();
  await expect(node(page, 'myblock1')).toBeVisible();

  // Open the group back into its blocks.
  await selectBlock(page, 'group1');
  await page.getByRole('button', { name: 'Open into blocks' }).click();
  await expect(node(page, 'group1')).toHaveCount(0);
  await expect(node(page, 'group1_flatten1')).toBeVisible();
  await expect(node(page, 'group1_dense1')).toBeVisible();
  // One undo brings the group back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'group1')).toBeVisible();
});

test('opens a library U-Net into editable blocks', async ({ page }) => {
  await addBlock(page, 'UNet2D');
  await selectBlock(page, 'unet2d1');
  await page.getByRole('button', { name: 'Open into blocks' }).click();
  await expect(node(page, 'unet2d1_head')).toBeVisible();
  expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(20);
});
