import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addBlock, node, selectBlock } from './editor-helpers';
import { openSampleTemplate } from './training-helpers';

/**
 * Parameters as a newcomer types them: lists in plain words, and wrong values that are kept, explained
 * in the interface's language and block training until they are fixed — in the inspector and the Code
 * view alike.
 */

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Blocks' })).toBeVisible();
});

const field = (page: Page, name: string) => page.locator(`.param[data-param="${name}"]`);

/** Types a value into a parameter's field and presses Enter, as a person does. */
async function typeParam(page: Page, name: string, text: string): Promise<void> {
  const input = field(page, name).locator('input');
  await input.fill(text);
  await input.press('Enter');
}

/** The document as the Save button writes it. */
async function savedDocument(page: Page): Promise<{ blocks: { id: string; params: Record<string, unknown> }[] }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^(Save|保存)$/ }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

const trainButton = (page: Page) => page.locator('.toolbar .train-button');

/** `JIMU_SCREENSHOTS=1` writes the pictures into docs/; otherwise they go to the test's output folder. */
const picture = (name: string, outputPath: (name: string) => string) => (process.env.JIMU_SCREENSHOTS === '1' ? `docs/${name}` : outputPath(name));

test('list parameters read names with commas (also Chinese ones) and sizes written with x, × or commas', async ({ page }, info) => {
  await addBlock(page, 'VolumeFolder');
  await selectBlock(page, 'volumefolder1');
  await typeParam(page, 'modalities', 't1');
  await expect(field(page, 'modalities').locator('input')).toHaveValue('t1');
  await typeParam(page, 'classes', 'exudate, box');
  await expect(field(page, 'classes').locator('input')).toHaveValue('exudate, box');
  await typeParam(page, 'size', '64 x 64 x 32');
  await expect(field(page, 'size').locator('input')).toHaveValue('64, 64, 32');
  await expect(page.locator('.param-problem')).toHaveCount(0);
  // The output follows: one channel (t1) on a 32 × 64 × 64 grid.
  await expect(page.locator('.output-values li[data-port="data"]')).toContainText('[batch, 32, 64, 64, 1]');
  let doc = await savedDocument(page);
  expect(doc.blocks.find((b) => b.id === 'volumefolder1')!.params).toMatchObject({ modalities: ['t1'], classes: ['exudate', 'box'], size: [64, 64, 32] });

  await typeParam(page, 'modalities', 't1，t1ce、flair');
  await typeParam(page, 'size', '48×48×48');
  await expect(page.locator('.output-values li[data-port="data"]')).toContainText('[batch, 48, 48, 48, 3]');
  await typeParam(page, 'classes', '背景，水肿');
  doc = await savedDocument(page);
  expect(doc.blocks.find((b) => b.id === 'volumefolder1')!.params).toMatchObject({ modalities: ['t1', 't1ce', 'flair'], classes: ['背景', '水肿'], size: [48, 48, 48] });
  await page.locator('.inspector').screenshot({ path: info.outputPath('param-lists.png') });
});

test('a refused value is kept as typed, explained in the interface language, marks the block and blocks Train until fixed', async ({ page }, info) => {
  await openSampleTemplate(page);
  await expect(trainButton(page)).toBeEnabled();
  await selectBlock(page, 'conv1');
  await typeParam(page, 'filters', '0');

  // Kept, explained with the catalogue's message and hint, on the block and in Problems.
  await expect(field(page, 'filters').locator('input')).toHaveValue('0');
  const problem = field(page, 'filters').locator('.param-problem');
  await expect(problem).toHaveAttribute('data-code', 'J102');
  await expect(problem).toContainText('Conv 2D (conv1): Filters cannot be "0".');
  await expect(problem).toContainText('Filters must be a whole number from 1 to 4096.');
  await expect(node(page, 'conv1').locator('.block-node')).toHaveClass(/has-error/);
  await expect(node(page, 'conv1').locator('.block-problem')).toHaveText('Conv 2D (conv1): Filters cannot be "0".');
  await expect(page.getByTestId('status-summary')).toHaveText('1 error');
  await expect(trainButton(page)).toBeDisabled();
  await expect(page.locator('.inspector .problems .problem[data-code="J102"]')).toContainText('Filters cannot be "0"');
  await page.screenshot({ path: picture('param-refused-en.png', (n) => info.outputPath(n)) });

  // Selecting another block and coming back shows the same value and the same problem.
  await selectBlock(page, 'conv2');
  await selectBlock(page, 'conv1');
  await expect(field(page, 'filters').locator('input')).toHaveValue('0');
  await expect(field(page, 'filters').locator('.param-problem')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(page.locator('.inspector-document .problem[data-code="J102"]')).toContainText('Filters cannot be "0"');

  // In Chinese, every word of it is Chinese (the number and the block id aside).
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await selectBlock(page, 'conv1');
  const zh = field(page, 'filters').locator('.param-problem');
  await expect(zh).toContainText('二维卷积（conv1）：卷积核数量不能为“0”。');
  await expect(zh).toContainText('卷积核数量应为介于 1 和 4096 之间的整数。');
  await expect(node(page, 'conv1').locator('.block-problem')).toHaveText('二维卷积（conv1）：卷积核数量不能为“0”。');
  expect((await zh.innerText()).replace('conv1', '')).not.toMatch(/[A-Za-z]/);
  await expect(page.getByTestId('status-summary')).toHaveText('1 个错误');
  await page.screenshot({ path: picture('param-refused-zh.png', (n) => info.outputPath(n)) });

  // Fixed: the problem goes and Train comes back.
  await typeParam(page, 'filters', '8');
  await expect(field(page, 'filters').locator('.param-problem')).toHaveCount(0);
  await expect(node(page, 'conv1').locator('.block-node')).not.toHaveClass(/has-error/);
  await expect(page.getByTestId('status-summary')).toHaveText('可以开始训练');
  await expect(trainButton(page)).toBeEnabled();
});

test('the Code view keeps a refused value too, and says what is wrong in the same words', async ({ page }, info) => {
  await openSampleTemplate(page);
  await page.getByRole('button', { name: 'Code' }).click();
  await expect(page.locator('.code-view .monaco-editor')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.code-view .view-lines')).toContainText('"count": 480');
  // Change the number of cases to -5 in the text.
  const template = JSON.parse(readFileSync(new URL('../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8')) as { blocks: { id: string; params: Record<string, unknown> }[] };
  template.blocks.find((b) => b.id === 'data')!.params.count = -5;
  await page.locator('.code-view .view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(JSON.stringify(template));
  await expect(node(page, 'data').locator('.block-node')).toHaveClass(/has-error/);

  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.locator('.problem[data-code="J102"]')).toContainText('Sample Shapes (data): Number of images cannot be "-5".');
  await expect(problems.locator('.problem[data-code="J102"]')).toContainText('Number of images must be a whole number from 2 to 10000.');
  await expect(node(page, 'data').locator('.block-node')).toHaveClass(/has-error/);
  await expect(trainButton(page)).toBeDisabled();
  await page.locator('.code-view').screenshot({ path: info.outputPath('code-refused-en.png') });

  // The inspector shows the kept value with the same problem.
  await page.getByRole('button', { name: 'Code' }).click();
  await selectBlock(page, 'data');
  await expect(field(page, 'count').locator('input')).toHaveValue('-5');
  await expect(field(page, 'count').locator('.param-problem')).toContainText('Number of images cannot be "-5".');
  const doc = await savedDocument(page);
  expect(doc.blocks.find((b) => b.id === 'data')!.params.count).toBe(-5);
});
