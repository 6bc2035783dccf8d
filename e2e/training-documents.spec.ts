import { HANG_GUARD_MS } from './guards';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lossPoints, phase } from './training-helpers';

/**
 * Training results belong to the pipeline they came from, and a run never vanishes without a word.
 * Each test opens a shortened copy of the sample template as a user opens a file.
 */

interface Doc {
  name: string;
  blocks: { id: string; type: string; params: Record<string, unknown> }[];
}

/** The sample template cut down to a few small images and `epochs` epochs. */
function shortSample(epochs: number): Doc {
  const doc = JSON.parse(readFileSync(new URL('../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8')) as Doc;
  for (const b of doc.blocks) {
    if (b.type === 'SampleShapes') Object.assign(b.params, { count: 64, size: 16 });
    if (b.type === 'ImageInput') Object.assign(b.params, { height: 16, width: 16 });
    if (b.type === 'Train') Object.assign(b.params, { epochs, batchSize: 16, earlyStopping: false });
  }
  return { ...doc, name: `Shapes (${epochs} epochs)` };
}

async function openDocument(page: Page, doc: Doc): Promise<void> {
  await page.getByTestId('open-file').setInputFiles({ name: 'short.pipeline.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue(doc.name);
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
}

const trainButton = (page: Page) => page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true });

test('the training panel shows the results of the pipeline on the canvas, never those of the one before', async ({ page }, info) => {
  test.setTimeout(HANG_GUARD_MS); // training time depends on the machine: only the hang guard bounds it
  await page.goto('/');
  const short = shortSample(2);
  await openDocument(page, short);
  await trainButton(page).click();
  await expect.poll(() => phase(page), { timeout: HANG_GUARD_MS, intervals: [250, 500, 1000] }).toMatch(/finished|failed/);
  expect(await phase(page)).toBe('finished');
  const panel = page.locator('.training-panel');
  await expect(panel.getByTestId('train-outcome')).toBeVisible();
  await expect(panel.getByTestId('scores')).toBeVisible();
  const scores = (await panel.getByTestId('scores').textContent()) ?? '';
  expect(scores).toMatch(/accuracy/);

  // New → another template: none of the first pipeline's results beside it.
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="fundus-screening.pipeline.json"]').click();
  await expect(page.getByRole('textbox', { name: 'Pipeline name' })).not.toHaveValue(short.name);
  await expect(page.locator('.toolbar').getByRole('button', { name: 'Training', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel).toHaveAttribute('data-phase', 'idle');
  await expect(panel).toContainText('Press Train to compile this pipeline');
  await expect(panel.getByTestId('train-outcome')).toHaveCount(0);
  await expect(panel.getByTestId('scores')).toHaveCount(0);
  await expect(panel.getByTestId('evaluation-views')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Download model' })).toHaveCount(0);
  await expect(panel.getByTestId('backend-line')).toHaveCount(0);
  await panel.screenshot({ path: info.outputPath('other-document.png') });

  // Back to the first pipeline (undo): its results are there again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue(short.name);
  await expect(panel).toHaveAttribute('data-phase', 'finished');
  await expect(panel.getByTestId('scores')).toHaveText(scores);

  // After a reload the run is still this pipeline's, from the history; the fundus pipeline still has none.
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue(short.name);
  await page.locator('.toolbar').getByRole('button', { name: 'Training', exact: true }).click();
  await expect(panel.getByTestId('last-run')).toBeVisible();
  await expect(panel.getByTestId('last-run').getByTestId('scores')).toHaveText(scores);
  await expect(panel.getByTestId('last-run').getByRole('button', { name: 'Download model' })).toBeVisible();
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="fundus-screening.pipeline.json"]').click();
  await expect(panel).toContainText('Press Train to compile this pipeline');
  await expect(panel.getByTestId('last-run')).toHaveCount(0);
  // Opening the same file again is the same pipeline: its last run is shown.
  await openDocument(page, short);
  await expect(panel.getByTestId('last-run').getByTestId('scores')).toHaveText(scores);
});

test('a run that a reload cut short is reported when the page comes back, in the interface language', async ({ page }) => {
  test.setTimeout(HANG_GUARD_MS);
  await page.goto('/');
  const long = shortSample(200);
  await openDocument(page, long);
  await trainButton(page).click();
  await expect.poll(() => lossPoints(page).catch(() => 0), { timeout: HANG_GUARD_MS }).toBeGreaterThan(0);

  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.reload();
  const notice = page.getByRole('alert');
  await expect(notice).toContainText(`The page was reloaded while “${long.name}” was training, so that run was lost before it finished.`);
  await expect(notice).toContainText('press Train to run it again');
  await page.screenshot({ path: process.env.JIMU_SCREENSHOTS === '1' ? 'docs/run-interrupted-en.png' : test.info().outputPath('run-interrupted-en.png'), clip: { x: 0, y: 0, width: 1280, height: 160 } });
  await expect(page.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue(long.name); // the pipeline is kept
  // Said once: another reload, with no run going, says nothing.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Blocks' })).toBeVisible();
  await expect(page.locator('.notice[data-kind="run-interrupted"]')).toHaveCount(0);

  // In Chinese too; and a run that ends normally leaves nothing to report.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await page.locator('.toolbar .train-button').click();
  await expect.poll(() => lossPoints(page).catch(() => 0), { timeout: HANG_GUARD_MS }).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText(`“${long.name}”训练期间页面被重新加载，该次运行未完成便已丢失。`);
  await page.screenshot({ path: process.env.JIMU_SCREENSHOTS === '1' ? 'docs/run-interrupted-zh.png' : test.info().outputPath('run-interrupted-zh.png'), clip: { x: 0, y: 0, width: 1280, height: 160 } });
  await page.locator('.notice-close').click();
  await page.locator('.toolbar .train-button').click();
  await page.getByRole('button', { name: '停止' }).click();
  await expect.poll(() => phase(page), { timeout: HANG_GUARD_MS }).toMatch(/finished|failed/);
  await page.reload();
  await expect(page.getByRole('navigation', { name: '模块' })).toBeVisible();
  await expect(page.locator('.notice[data-kind="run-interrupted"]')).toHaveCount(0);
});
