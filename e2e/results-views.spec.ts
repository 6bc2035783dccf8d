import { HANG_GUARD_MS } from './guards';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { node, selectBlock } from './editor-helpers';
import { phase } from './training-helpers';

/**
 * What a clinician reads after training the fundus template: every column of the confusion matrix and
 * every cell of the per-class table inside the panel, scores under their names (the key in a tooltip) in
 * the UI language, the curve of the metric the template's description names (AUC), the backend in plain
 * words with its detail behind a click, and their own photo shown beside its prediction.
 */
test.use({ viewport: { width: 1400, height: 1800 } });

async function openShortFundus(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="fundus-screening.pipeline.json"]').click();
  await expect(node(page, 'data')).toBeVisible();
  for (const [block, param, value] of [['data', 'count', 240], ['data', 'size', 32], ['input', 'height', 32], ['input', 'width', 32], ['train', 'epochs', 8]] as const) {
    await selectBlock(page, block);
    const input = page.locator(`.param[data-param="${param}"] input`);
    await input.fill(String(value));
    await input.press('Enter');
  }
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
}

/** True when the element's right edge is inside the side panel's visible width (nothing cut off). */
async function insidePanel(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const panel = el.closest('.side-panel')!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return box.left >= panel.left - 0.5 && box.right <= panel.right + 0.5;
  });
}

test('the fundus results read as a clinician needs them, in English and in Chinese', async ({ page }) => {
  test.setTimeout(HANG_GUARD_MS); // training time depends on the machine: only the hang guard bounds it
  await page.goto('/');
  await openShortFundus(page);
  await page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => phase(page), { timeout: HANG_GUARD_MS }).toMatch(/finished|failed/);
  expect(await phase(page)).toBe('finished');
  const views = page.getByTestId('evaluation-views');
  await expect(views).toBeVisible();

  // The backend in plain words; the technical detail only after a click.
  const backend = page.getByTestId('backend-line');
  await expect(backend.locator('summary')).toHaveText(/^(CPU \(WebAssembly, fast kernels\)|CPU \(JavaScript\)|GPU \(WebGL\)|GPU \(WebGPU\))$/);
  const detail = backend.getByTestId('backend-detail');
  await expect(detail).toBeHidden();
  await backend.locator('summary').click();
  await expect(detail).toBeVisible();

  // Scores under their names, the key in the tooltip.
  const auc = views.locator('[data-testid="scores"] [data-metric="auc_macro"] dt');
  await expect(auc).toHaveText('mean AUC');
  await expect(auc.locator('[title="auc_macro"]')).toHaveCount(1);
  await expect(views.locator('[data-testid="scores"] [data-metric="odir_score"] dt')).toHaveText('ODIR score');
  await expect(views.locator('[data-testid="scores"] [data-metric="auc"] dt')).toHaveText('AUC, all labels pooled');

  // The curve the description names: AUC on the validation data.
  await expect(page.getByTestId('metric-curve')).toHaveAttribute('data-metric', 'auc');
  await expect(page.getByTestId('metric-curve')).toContainText('AUC');
  // Measured on the validation data only: the legend names no training line.
  await expect(page.getByTestId('metric-curve').locator('.u-legend')).not.toContainText('training');

  // Nothing cut off: every column of the matrix and every column of the per-class table in the panel.
  const matrixColumns = views.locator('[data-testid="confusion-matrix"] thead th');
  expect(await matrixColumns.count()).toBeGreaterThanOrEqual(7);
  for (const th of await matrixColumns.all()) expect(await insidePanel(th)).toBe(true);
  for (const td of await views.locator('[data-testid="per-class"] tr > *').all()) expect(await insidePanel(td)).toBe(true);

  // The user's own photo: shown, with its file name, beside what the model says.
  await page.getByTestId('predict-file').setInputFiles('public/samples/fundus-retina-512.jpg');
  await expect(page.getByTestId('prediction').locator('li')).toHaveCount(6);
  const shown = page.getByTestId('predicted-image');
  await expect(shown.locator('img')).toBeVisible();
  await expect.poll(() => shown.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(512);
  await expect(shown).toContainText('fundus-retina-512.jpg');
  await views.screenshot({ path: 'test-results/results-fundus-en.png' });
  await page.locator('.curves').screenshot({ path: 'test-results/results-curves-en.png' });

  // The same in Chinese.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(auc).toHaveText('平均 AUC');
  await expect(views.locator('[data-testid="scores"] [data-metric="odir_score"] dt')).toHaveText('ODIR 分数');
  await expect(backend.locator('summary')).toHaveText(/^(CPU（WebAssembly，快速内核）|CPU（JavaScript）|GPU（WebGL）|GPU（WebGPU）)$/);
  for (const th of await matrixColumns.all()) expect(await insidePanel(th)).toBe(true);
  await views.screenshot({ path: 'test-results/results-fundus-zh.png' });
  await page.locator('.curves').screenshot({ path: 'test-results/results-curves-zh.png' });
});
