import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addBlock, node, selectBlock } from './editor-helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Blocks' })).toBeVisible();
});

test('the canvas keeps its size while the palette is searched', async ({ page }) => {
  const canvas = page.locator('.canvas');
  const before = await canvas.boundingBox();
  if (!before) throw new Error('no canvas');
  const search = page.getByRole('searchbox', { name: 'Search blocks' });
  for (const query of ['dense', 'zzz-no-such-block']) {
    await search.fill(query);
    await expect(page.locator('.palette-item').first().or(page.locator('.palette .empty'))).toBeVisible();
    expect(await canvas.boundingBox()).toEqual(before);
  }
  // The status bar stays one line at the bottom.
  const status = await page.locator('footer.status').boundingBox();
  expect(status?.height ?? 0).toBeLessThan(60);
});

/** The canvas zoom, from React Flow's viewport transform. */
const zoomOf = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

/** Every block's box on screen. */
const boxes = (page: Page) => page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id')!, ...JSON.parse(JSON.stringify(e.getBoundingClientRect())) as { x: number; y: number; width: number; height: number } })));

type Box = { id: string; x: number; y: number; width: number; height: number };
const overlapping = (bs: Box[]) =>
  bs.flatMap((a, i) => bs.slice(i + 1).filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height).map((b) => `${a.id}/${b.id}`));

const templates = JSON.parse(readFileSync(new URL('../public/templates/index.json', import.meta.url), 'utf8')) as { file: string }[];

test('every template opens at a zoom where the smallest block text reads at 11 px or more, its start in view', async ({ page }) => {
  for (const { file } of templates) {
    await page.getByRole('button', { name: 'New' }).click();
    await page.locator(`.template[data-file="${file}"]`).click();
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect.poll(() => zoomOf(page), { message: file }).toBeGreaterThanOrEqual(0.9);
    const zoom = await zoomOf(page);
    const label = await page.locator('.react-flow__node .port-label').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(label * zoom, file).toBeGreaterThanOrEqual(11);
    // Where reading starts is on screen: the top-left block of the layout lies inside the canvas.
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const all = await boxes(page);
    const first = all.reduce((a, b) => (b.x + b.y < a.x + a.y ? b : a));
    expect(first.x >= pane.x && first.x + first.width <= pane.x + pane.width && first.y >= pane.y && first.y + first.height <= pane.y + pane.height, file).toBe(true);
    if (file === 'fundus-screening.pipeline.json') await page.screenshot({ path: 'test-results/template-readable-en.png' });
  }
  // The same in Chinese.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await page.getByRole('button', { name: '新建' }).click();
  await page.locator('.template[data-file="fundus-screening.pipeline.json"]').click();
  await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(0.9);
  if (await page.locator('.notice-close').isVisible()) await page.locator('.notice-close').click();
  await page.screenshot({ path: 'test-results/template-readable-zh.png' });
});

test('blocks added from the palette land in free space: on an empty canvas, and beside the selected block', async ({ page }) => {
  for (const type of ['ImageInput', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dropout', 'Adam']) await addBlock(page, type);
  expect(overlapping(await boxes(page))).toEqual([]);

  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="sample-shapes.pipeline.json"]').click();
  await expect(node(page, 'conv1')).toBeVisible();
  await selectBlock(page, 'conv1');
  const conv = (await node(page, 'conv1').boundingBox())!;
  await addBlock(page, 'Dropout');
  expect(overlapping(await boxes(page))).toEqual([]);
  const added = (await node(page, 'dropout1').boundingBox())!;
  // Near the selection: within about two block widths of it.
  expect(Math.hypot(added.x - conv.x, added.y - conv.y)).toBeLessThan(3 * conv.width);
});

test('an Image Input offers to take its shape from the connected data, in one undoable step', async ({ page }) => {
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="fundus-screening.pipeline.json"]').click();
  await expect(node(page, 'input')).toBeVisible();
  await selectBlock(page, 'input');
  await expect(page.getByTestId('shape-offer')).toHaveCount(0); // it matches already
  const height = page.locator('.param[data-param="height"] input');
  await height.fill('40');
  await height.press('Enter');
  await expect(page.getByTestId('status-summary')).not.toHaveText('Ready to train');
  const offer = page.getByTestId('shape-offer');
  await expect(offer).toContainText('48 × 48 × 3');
  await expect(offer).toContainText('40 × 48 × 3');
  await offer.getByRole('button', { name: 'Take the shape from the data' }).click();
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
  await expect(page.locator('.param[data-param="height"] input')).toHaveValue('48');
  await expect(offer).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.param[data-param="height"] input')).toHaveValue('40');
});

/** The canvas view (pan and zoom), from React Flow's viewport transform. */
const viewOf = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => {
    const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
    return { x: Math.round(m.e), y: Math.round(m.f), zoom: Number(m.a.toFixed(3)) };
  });

/** Width over height of the blocks' bounding box, in canvas units (the view's zoom left out). */
const aspect = async (page: Page) => {
  const bs = await boxes(page);
  const w = Math.max(...bs.map((b) => b.x + b.width)) - Math.min(...bs.map((b) => b.x));
  const h = Math.max(...bs.map((b) => b.y + b.height)) - Math.min(...bs.map((b) => b.y));
  return w / h;
};

test('opening the glioma U-Net lays its blocks out readably in its place, and undo brings back the view', async ({ page }) => {
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="glioma-segmentation.pipeline.json"]').click();
  await expect(node(page, 'unet')).toBeVisible();
  await selectBlock(page, 'unet');
  const before = await viewOf(page);
  await page.getByRole('button', { name: 'Open into blocks' }).click();
  await expect(node(page, 'unet')).toHaveCount(0);
  expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(40);
  // Nothing on top of anything: not on Train, not on each other.
  await expect.poll(async () => overlapping(await boxes(page))).toEqual([]);
  // Readable: rows, not a line, at a zoom where the text reads.
  expect(await aspect(page)).toBeLessThan(4);
  expect((await viewOf(page)).zoom).toBeGreaterThanOrEqual(0.9);
  await page.screenshot({ path: 'test-results/opened-unet-en.png' });

  // Tidy up keeps it in rows.
  const opened = await viewOf(page);
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect.poll(() => aspect(page)).toBeLessThan(4);
  await expect.poll(async () => overlapping(await boxes(page))).toEqual([]);
  // Undo the tidy-up: the view comes back with the blocks; undo the opening: the composite and its view.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => viewOf(page)).toEqual(opened);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'unet')).toBeVisible();
  await expect.poll(() => viewOf(page)).toEqual(before);
});
