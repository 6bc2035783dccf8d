import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addBlock, buildClassifier, connect, linkLabel, node, selectBlock, tidyUp } from './editor-helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Blocks' })).toBeVisible();
});

test('builds a classifier from an empty canvas, refuses a wrong link with its reason, updates shapes, undoes and redoes', async ({ page }) => {
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await buildClassifier(page);
  // Shapes on the links, from the compiler.
  await expect(linkLabel(page, 'imageinput1', 'out', 'flatten1', 'in')).toHaveText('[batch, 64, 64, 3]');
  await expect(linkLabel(page, 'flatten1', 'out', 'dense1', 'in')).toHaveText('[batch, 12288]');
  await expect(linkLabel(page, 'dense1', 'out', 'categoricalcrossentropy1', 'pred')).toHaveText('[batch, 16]');
  await expect(node(page, 'dense1')).toContainText('197 k params');

  // A wrong connection is refused, and the user is told why.
  await addBlock(page, 'Adam');
  await tidyUp(page);
  await connect(page, 'adam1', 'optimizer', 'dense1', 'in');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Connection refused');
  await expect(alert).toContainText('the output carries an optimizer, but the input "in" expects a tensor');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // Change a parameter in the inspector: the shapes follow.
  await selectBlock(page, 'dense1');
  const units = page.locator('.param[data-param="units"] input');
  await units.fill('0');
  await expect(page.locator('.param[data-param="units"] .param-problem')).toBeVisible(); // shown, not accepted
  await units.fill('3');
  await units.press('Enter');
  await expect(linkLabel(page, 'dense1', 'out', 'categoricalcrossentropy1', 'pred')).toHaveText('[batch, 3]');
  await page.locator('.param[data-param="activation"] select').selectOption('softmax');

  // Undo and redo, from the keyboard and the toolbar.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z'); // activation
  await page.keyboard.press('Control+z'); // units
  await expect(linkLabel(page, 'dense1', 'out', 'categoricalcrossentropy1', 'pred')).toHaveText('[batch, 16]');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(linkLabel(page, 'dense1', 'out', 'categoricalcrossentropy1', 'pred')).toHaveText('[batch, 3]');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Undo' }).click(); // units, tidy-up, adding Adam
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
});

test('copies, pastes and deletes as single steps', async ({ page }) => {
  await buildClassifier(page);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await page.keyboard.press('Delete'); // the pasted copy is selected
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
});

test('keeps the document across a reload, and saves a file that `jimu validate` accepts', async ({ page }) => {
  await buildClassifier(page);
  await selectBlock(page, 'dense1');
  await page.locator('.param[data-param="units"] input').fill('3');
  await page.locator('.param[data-param="units"] input').press('Enter');
  await page.locator('.param[data-param="activation"] select').selectOption('softmax');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect(linkLabel(page, 'dense1', 'out', 'categoricalcrossentropy1', 'pred')).toHaveText('[batch, 3]');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Untitled-pipeline.pipeline.json');
  const dir = mkdtempSync(join(tmpdir(), 'jimu-e2e-'));
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.blocks.find((b: { id: string }) => b.id === 'dense1').params).toEqual({ units: 3, activation: 'softmax' });
  const out = execFileSync('node', ['bin/jimu.mjs', 'validate', path], { encoding: 'utf8' });
  expect(out).toContain('is valid');
});

test('explains a broken file and keeps the current document; file text is only text', async ({ page }) => {
  await buildClassifier(page);
  const open = page.getByTestId('open-file');
  await open.setInputFiles({ name: 'broken.pipeline.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "format": "jimu.pipeline",\n  "version": 1,,\n}') });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not open “broken.pipeline.json”');
  await expect(alert).toContainText('not valid JSON');
  await expect(alert).toContainText('line 3');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  await open.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"comfy","version":1}') });
  await expect(page.getByRole('alert')).toContainText('This is not a Jimu pipeline');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);

  const evil = '<img src=x onerror="window.__pwned=1">';
  const doc = { format: 'jimu.pipeline', version: 1, name: evil, blocks: [{ id: 'a', type: 'Dense', name: evil, params: {} }] };
  await open.setInputFiles({ name: 'evil.pipeline.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(node(page, 'a')).toContainText(evil);
  await expect(page.locator('.react-flow__node img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.keyboard.press('Control+z'); // opening is one undo step
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
});

test('starts from a template in the gallery', async ({ page }) => {
  await page.getByRole('button', { name: 'New' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a pipeline' });
  await expect(dialog).toContainText('Blank canvas');
  await dialog.locator('.template[data-file="sample-shapes.pipeline.json"]').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(4);
});

test('adds blocks by dragging from the palette and by the keyboard, and opens a file dropped on the canvas', async ({ page }) => {
  await page.locator('.palette-item[data-type="Dense"]').dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 300, y: 200 } });
  await expect(node(page, 'dense1')).toBeVisible();
  await page.locator('.palette-item[data-type="Flatten"]').focus();
  await page.keyboard.press('Enter');
  await expect(node(page, 'flatten1')).toBeVisible();

  const doc = JSON.stringify({ format: 'jimu.pipeline', version: 1, name: 'Dropped', blocks: [{ id: 'x', type: 'VectorInput', params: {} }] });
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.pipeline.json', { type: 'application/json' }));
    return dt;
  }, doc);
  await page.locator('.canvas').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(node(page, 'x')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue('Dropped');
});

test('shows the document as JSON in a lazily loaded code view, and applies valid edits to the canvas', async ({ page }) => {
  await addBlock(page, 'Dense');
  await page.getByRole('button', { name: 'Code' }).click();
  await expect(page.locator('.code-view .monaco-editor')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.code-view .view-lines')).toContainText('jimu.pipeline');

  await page.locator('.code-view .view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{"format": "jimu.pipeline", "version": 1, "colour": 1');
  await expect(page.locator('.code-problems')).toBeVisible(); // not applied: the canvas keeps its block
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  const doc = { format: 'jimu.pipeline', version: 1, blocks: [{ id: 'v', type: 'VectorInput', params: { features: 4 } }, { id: 'w', type: 'Dense', params: {} }], links: [{ from: { block: 'v', port: 'out' }, to: { block: 'w', port: 'in' } }] };
  await page.keyboard.insertText(JSON.stringify(doc));
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(linkLabel(page, 'v', 'out', 'w', 'in')).toHaveText('[batch, 4]');

  // The JSON Schema knows each block's parameters: a bad value is underlined as it is typed.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(JSON.stringify({ ...doc, blocks: [doc.blocks[0], { id: 'w', type: 'Dense', params: { units: 0 } }] }));
  await expect(page.locator('.code-view .squiggly-error').first()).toBeAttached({ timeout: 15_000 });
  await expect(node(page, 'w').locator('.block-node')).toHaveClass(/has-error/);
});

test.describe('when the browser refuses to store anything', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    await page.reload();
  });

  test('says so and offers a download of the document', async ({ page }) => {
    await expect(page.getByRole('alert')).toContainText('does not allow this page to store data');
    await addBlock(page, 'Dense');
    await expect(page.getByTestId('save-state')).toHaveText('Not saved');
    const download = page.waitForEvent('download');
    await page.getByRole('alert').getByRole('button', { name: 'Download a copy' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pipeline\.json$/);
  });
});

test('speaks Chinese when asked, and remembers it', async ({ page }) => {
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  const palette = page.getByRole('navigation', { name: '模块' });
  await expect(palette.getByRole('heading', { name: '网络层' })).toBeVisible();
  await expect(palette.locator('.palette-item[data-type="Dense"]')).toContainText('全连接层');
  await palette.getByRole('searchbox', { name: '搜索模块' }).fill('展平');
  await expect(palette.locator('.palette-item[data-type="Flatten"]')).toBeVisible();
  await expect(palette.locator('.palette-item[data-type="Train"]')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('navigation', { name: '模块' })).toBeVisible();
  await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();

  // Refusals and problems speak Chinese too.
  await addBlock(page, 'Adam');
  await addBlock(page, 'Dense');
  await tidyUp(page, '自动排列');
  await connect(page, 'adam1', 'optimizer', 'dense1', 'in');
  await expect(page.getByRole('alert')).toContainText('无法连接');
  await expect(page.getByRole('alert')).toContainText('需要张量');
});
