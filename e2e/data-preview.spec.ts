import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addBlock, fitView, node, selectBlock, tidyUp } from './editor-helpers';

/**
 * Every template in the gallery opens, compiles, and shows the first example of its sample data when
 * its source block is selected: an image with real pixels, the right shape and the example count.
 * `JIMU_SCREENSHOTS=1` also writes docs/preview-fundus.png.
 */
const write = process.env.JIMU_SCREENSHOTS === '1';

interface TemplateEntry {
  file: string;
}
interface TemplateDoc {
  blocks: { id: string; type: string; params: Record<string, number> }[];
}

const templates = JSON.parse(readFileSync(new URL('../public/templates/index.json', import.meta.url), 'utf8')) as TemplateEntry[];
const templateDoc = (file: string) => JSON.parse(readFileSync(new URL(`../public/templates/${file}`, import.meta.url), 'utf8')) as TemplateDoc;

/** The image shape each sample source makes, from its size parameter. */
const SHAPES: Record<string, (size: number) => number[]> = {
  SampleShapes: (s) => [s, s, 1],
  SampleFundus: (s) => [s, s, 3],
  SampleBrainAge: (s) => [s, s, s, 1],
  SampleGlioma: (s) => [s, s, s, 4],
  SampleDose: (s) => [s, s, s, 4],
  SamplePetCt: (s) => [s, s, s, 2],
};

test.use({ viewport: { width: 1600, height: 1000 } });

const preview = (page: Page) => page.getByTestId('data-preview');

/** Variance of the grey level of a canvas's pixels (0 for a blank canvas). */
function canvasVariance(page: Page, index = 0): Promise<number> {
  return preview(page)
    .locator('canvas')
    .nth(index)
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let sum = 0;
      let sq = 0;
      const n = d.length / 4;
      for (let i = 0; i < d.length; i += 4) {
        const g = (d[i]! + d[i + 1]! + d[i + 2]!) / 3;
        sum += g;
        sq += g * g;
      }
      return sq / n - (sum / n) ** 2;
    });
}

async function openTemplate(page: Page, file: string): Promise<void> {
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator(`.template[data-file="${file}"]`).click();
  await expect(page.getByRole('dialog', { name: 'Start a pipeline' })).toBeHidden();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

const timings: Record<string, { clickToImageMs: number; workerMs: number }> = {};

test.afterAll(() => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/data-preview-timings.json', JSON.stringify(timings, null, 2));
});

for (const { file } of templates) {
  test(`${file}: compiles, and its sample-data block shows its first example`, async ({ page }) => {
    const doc = templateDoc(file);
    const source = doc.blocks.find((b) => b.type in SHAPES);
    expect(source, `a sample-data block in ${file}`).toBeTruthy();
    await page.goto('/');
    await openTemplate(page, file);
    await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');

    const started = Date.now();
    await selectBlock(page, source!.id);
    await expect(preview(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    const clickToImageMs = Date.now() - started;
    const shape = SHAPES[source!.type]!(source!.params.size!);
    await expect(page.getByTestId('preview-shape')).toHaveText(`[${shape.join(', ')}]`);
    await expect(page.getByTestId('preview-count')).toHaveText(String(source!.params.count));
    // One canvas per channel of a volume, one picture for a 2D image; each shows real pixels.
    const canvases = shape.length === 4 ? shape[3]! : shape[2] === 3 ? 1 : shape[2]!;
    await expect(preview(page).locator('canvas')).toHaveCount(canvases + (source!.type === 'SampleDose' ? 1 : 0));
    expect(await canvasVariance(page)).toBeGreaterThan(0);
    await expect(page.getByTestId('preview-label')).not.toBeEmpty();
    timings[file] = { clickToImageMs, workerMs: Number(await preview(page).getAttribute('data-ms')) };

    // Reselecting the block shows the kept preview at once.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await selectBlock(page, source!.id);
    await expect(preview(page)).toHaveAttribute('data-state', 'done', { timeout: 1_000 });
    await expect(page.locator('.pv-timing')).toHaveText('Shown from the last time it was prepared.');

    if (file === 'fundus-screening.pipeline.json') {
      await page.locator('.notice-close').click();
      await tidyUp(page);
      await fitView(page);
      await page.screenshot({ path: write ? 'docs/preview-fundus.png' : 'test-results/preview-fundus.png' });
    }
    if (shape.length === 4) {
      await page.screenshot({ path: `test-results/preview-${source!.type}.png` });
      // The slider moves every channel to the same slice.
      const slider = preview(page).locator('.pv-slider input');
      await slider.fill('3');
      await expect(preview(page).locator('.pv-slider')).toContainText(`Slice 4 of ${shape[0]}`);
      expect(await canvasVariance(page)).toBeGreaterThan(0);
    }
  });
}

test('a preprocessing block previews its stream, per split output, and a missing dataset is explained in both languages', async ({ page }) => {
  await page.goto('/');
  await openTemplate(page, 'sample-shapes.pipeline.json');
  await selectBlock(page, 'split');
  await expect(preview(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('preview-count')).toHaveText('336'); // 70 % of 480
  await page.getByRole('group', { name: 'Output to preview' }).getByRole('button', { name: /validation/i }).click();
  await expect(page.getByTestId('preview-count')).toHaveText('72', { timeout: 30_000 });
  // After min-max normalisation the values span 0 … 1.
  await selectBlock(page, 'normalize');
  await expect(preview(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('preview-facts')).toContainText('0 … 1');
  expect(await canvasVariance(page)).toBeGreaterThan(0);

  // A folder that was never imported.
  await addBlock(page, 'VolumeFolder');
  await selectBlock(page, 'volumefolder1');
  await expect(preview(page)).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(preview(page)).toHaveAttribute('data-code', 'missing-data');
  await expect(preview(page)).toContainText('which is not among the imported datasets');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(preview(page)).toContainText('不在已导入的数据集中');
  await page.screenshot({ path: 'test-results/preview-missing-zh.png' });
  await expect(node(page, 'volumefolder1')).toBeVisible();
});
