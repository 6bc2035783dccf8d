import { expect, test } from '@playwright/test';
import { fitView, node, selectBlock, tidyUp } from './editor-helpers';

/**
 * The README's pictures of the editor, in English and Chinese: `JIMU_SCREENSHOTS=1 npx playwright
 * test e2e/editor-screenshots.spec.ts` writes docs/editor-en.png and docs/editor-zh.png. Without
 * the variable the test still runs the same steps (and checks them) but writes nothing into docs/.
 */
const write = process.env.JIMU_SCREENSHOTS === '1';

test.use({ viewport: { width: 1920, height: 1080 } });

for (const lang of ['en', 'zh'] as const) {
  test(`the editor with the sample template (${lang})`, async ({ page }) => {
    await page.goto('/');
    if (lang === 'zh') await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('button', { name: lang === 'en' ? 'New' : '新建' }).click();
    await page.locator('.template[data-file="sample-shapes.pipeline.json"]').click();
    await expect(node(page, 'conv1')).toBeVisible();
    await tidyUp(page, lang === 'en' ? 'Tidy up' : '自动排列');
    await selectBlock(page, 'conv2'); // brings it into view first: a pipeline opens at a readable zoom
    await expect(page.locator('.inspector-block[data-block="conv2"]')).toBeVisible();
    if (await page.locator('.notice-close').isVisible()) await page.locator('.notice-close').click(); // closed already when Tidy up changed the document
    await fitView(page, lang === 'en' ? 'Fit view' : '适应视图');
    await page.screenshot({ path: write ? `docs/editor-${lang}.png` : `test-results/editor-${lang}.png` });
  });
}
