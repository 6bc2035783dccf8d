import { HANG_GUARD_MS } from './guards';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { node, selectBlock } from './editor-helpers';
import { phase } from './training-helpers';

/**
 * The real example files (public/samples): the template gallery credits them and opens them in a viewer
 * (the fundus photo as an image, the Colin27 brain in the slice viewer), and a model trained on a
 * template's synthetic data can be tried on them after training. Screenshots go to test-results/.
 */
test.use({ viewport: { width: 1400, height: 1000 } });

/** Grey-level variance and share of non-black pixels of a canvas, or of an image drawn onto one. */
function pixelStats(target: Locator): Promise<{ variance: number; lit: number; width: number; height: number }> {
  return target.evaluate((el: HTMLCanvasElement | HTMLImageElement) => {
    let canvas = el as HTMLCanvasElement;
    if (el instanceof HTMLImageElement) {
      canvas = document.createElement('canvas');
      canvas.width = el.naturalWidth;
      canvas.height = el.naturalHeight;
      canvas.getContext('2d')!.drawImage(el, 0, 0);
    }
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    let sq = 0;
    let lit = 0;
    const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) {
      const g = (d[i]! + d[i + 1]! + d[i + 2]!) / 3;
      sum += g;
      sq += g * g;
      if (g > 20) lit++;
    }
    return { variance: sq / n - (sum / n) ** 2, lit: lit / n, width: canvas.width, height: canvas.height };
  });
}

const gallery = (page: Page) => page.getByRole('dialog', { name: 'Start a pipeline' });
const line = (page: Page, template: string) => gallery(page).locator(`li:has(.template[data-file="${template}"]) [data-testid="real-example"]`);

test('the gallery credits each real example and opens the Colin27 brain and the fundus photo in viewers', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New' }).click();
  await expect(gallery(page)).toBeVisible();

  // Fundus, brain age and dose have a real example with a credit, a licence and View; glioma and PET/CT say why not.
  await expect(line(page, 'fundus-screening.pipeline.json')).toContainText('Häggström');
  await expect(line(page, 'fundus-screening.pipeline.json')).toContainText('CC0-1.0');
  await expect(line(page, 'brain-age.pipeline.json')).toContainText('Colin27');
  await expect(line(page, 'dose-prediction.pipeline.json')).toContainText('RT Dose');
  for (const t of ['glioma-segmentation.pipeline.json', 'petct-lesions.pipeline.json']) {
    await expect(line(page, t)).toContainText('No free real example is bundled');
    await expect(line(page, t).getByRole('button')).toHaveCount(0);
  }
  await expect(line(page, 'sample-shapes.pipeline.json')).toHaveCount(0);
  await gallery(page).screenshot({ path: 'test-results/real-examples-gallery.png' });

  // Colin27 in the slice viewer: a real brain, not a blank canvas, at its 91 × 109 × 91 grid.
  await line(page, 'brain-age.pipeline.json').getByRole('button', { name: 'View' }).click();
  const viewer = page.getByTestId('real-viewer');
  await expect(viewer).toBeVisible();
  const canvas = viewer.getByTestId('slice-canvas');
  await expect(canvas).toBeVisible();
  await expect(viewer).toContainText('91 × 109 × 91 voxels of 2 × 2 × 2 mm');
  const brain = await pixelStats(canvas);
  expect([brain.width, brain.height]).toEqual([91, 109]);
  expect(brain.variance).toBeGreaterThan(500);
  expect(brain.lit).toBeGreaterThan(0.3);
  // The slider moves through the slices: another slice, other pixels.
  await viewer.locator('input[type="range"]').fill('20');
  await expect(canvas).toHaveAttribute('aria-label', 'Slice 21 of 91');
  await viewer.locator('input[type="range"]').fill('45');
  await viewer.screenshot({ path: 'test-results/real-examples-colin27.png' });
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toBeHidden();
  await expect(gallery(page)).toBeVisible(); // closing the viewer keeps the gallery open

  // The fundus photo as an image: 512 × 512, a bright disc on black.
  await line(page, 'fundus-screening.pipeline.json').getByRole('button', { name: 'View' }).click();
  const image = viewer.getByTestId('real-image');
  await expect(image).toBeVisible();
  await expect(viewer).toContainText('512 × 512 pixels, 3 channels');
  await expect.poll(() => image.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(512);
  const photo = await pixelStats(image);
  expect(photo.variance).toBeGreaterThan(500);
  expect(photo.lit).toBeGreaterThan(0.5);
  await viewer.screenshot({ path: 'test-results/real-examples-fundus.png' });
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // The RT Dose grid reads too, with the file's dose units (relative here).
  await line(page, 'dose-prediction.pipeline.json').getByRole('button', { name: 'View' }).click();
  await expect(viewer).toContainText('10 × 10 × 15 voxels');
  await expect(viewer).toContainText('RELATIVE');
  expect((await pixelStats(viewer.getByTestId('slice-canvas'))).variance).toBeGreaterThan(100);
  await viewer.getByRole('button', { name: 'Close' }).click();

  // In Chinese too.
  await gallery(page).getByRole('button', { name: 'Close' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await page.getByRole('button', { name: '新建' }).click();
  const zhGallery = page.getByRole('dialog', { name: '开始一个流程' });
  await expect(zhGallery.locator('li:has(.template[data-file="brain-age.pipeline.json"]) [data-testid="real-example"]')).toContainText('真实示例');
  await expect(zhGallery.locator('li:has(.template[data-file="glioma-segmentation.pipeline.json"]) [data-testid="real-example"]')).toContainText('未附带免费的真实示例');
  await zhGallery.locator('li:has(.template[data-file="brain-age.pipeline.json"])').getByRole('button', { name: '查看' }).click();
  await expect(viewer).toContainText('由 Jimu 的 NIfTI 读取器读取');
  await zhGallery.screenshot({ path: 'test-results/real-examples-gallery-zh.png' });
});

/** Opens a template and shrinks its data and training so that it trains in seconds. */
async function openSmall(page: Page, file: string, count: number): Promise<void> {
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator(`.template[data-file="${file}"]`).click();
  await expect(node(page, 'data')).toBeVisible();
  for (const [block, param, value] of [['data', 'count', count], ['train', 'epochs', 1]] as const) {
    await selectBlock(page, block);
    const input = page.locator(`.param[data-param="${param}"] input`);
    await input.fill(String(value));
    await input.press('Enter');
  }
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
}

async function trainToEnd(page: Page): Promise<void> {
  await page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => phase(page), { timeout: 240_000 }).toBe('finished');
  await expect(page.getByTestId('evaluation-views')).toBeVisible();
}

test('after training, the fundus model is tried on the real photo and the brain-age model on the real Colin27 brain', async ({ page }) => {
  test.setTimeout(HANG_GUARD_MS); // training time depends on the machine: only the hang guard bounds it
  await page.goto('/');

  await openSmall(page, 'fundus-screening.pipeline.json', 60);
  await trainToEnd(page);
  const tryFundus = page.getByRole('button', { name: 'Try the real fundus photo' });
  await tryFundus.scrollIntoViewIfNeeded();
  await tryFundus.click();
  const prediction = page.getByTestId('prediction');
  await expect(prediction.locator('li')).toHaveCount(6);
  await expect(page.getByTestId('predict-drop')).toContainText('synthetic sample data');
  await page.getByTestId('predict-drop').screenshot({ path: 'test-results/real-examples-fundus-prediction.png' });

  await page.goto('/'); // a fresh page: the side panel shows the inspector again
  await openSmall(page, 'brain-age.pipeline.json', 24);
  await trainToEnd(page);
  const tryBrain = page.getByRole('button', { name: 'Predict the age of the real Colin27 brain' });
  await tryBrain.scrollIntoViewIfNeeded();
  await tryBrain.click();
  await expect(prediction.locator('li')).toHaveCount(1);
  await expect(prediction).toContainText('age');
  await expect(page.getByTestId('predict-drop')).toContainText('padded or cropped to 32 × 32 × 32');
  // What the model was given is shown: the brain resampled to the 32³ input.
  const given = page.getByTestId('predict-drop').getByTestId('slice-canvas');
  expect((await pixelStats(given)).width).toBe(32);
  expect((await pixelStats(given)).variance).toBeGreaterThan(100);
  const age = Number(await prediction.locator('li span').last().textContent());
  expect(Number.isFinite(age)).toBe(true);
  await page.getByTestId('predict-drop').screenshot({ path: 'test-results/real-examples-brain-age-prediction.png' });
});

test('a malformed realExample entry hides only that line, never the template or the gallery', async ({ page }) => {
  await page.route('**/templates/index.json', async (route) => {
    const list = (await (await route.fetch()).json()) as Record<string, unknown>[];
    const broken = list.map((e) => (e.file === 'brain-age.pipeline.json' ? { ...e, realExample: { file: 'https://example.org/x.nii', kind: 'movie' } } : e));
    await route.fulfill({ json: broken });
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'New' }).click();
  await expect(gallery(page).locator('.template[data-file="brain-age.pipeline.json"]')).toBeVisible();
  await expect(line(page, 'brain-age.pipeline.json')).toHaveCount(0);
  await expect(line(page, 'fundus-screening.pipeline.json')).toContainText('CC0-1.0');
});
