import { HANG_GUARD_MS } from './guards';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lossPoints, phase } from './training-helpers';

/**
 * `npm start` on a fresh clone: the development server must never reload the page mid-session, which
 * it does when it meets a dependency it had not pre-bundled (in the app, a lazily loaded view, or a
 * worker) and re-optimises. A reload throws away a run in progress and the undo history. This walk
 * touches every part that loads code late — a template, the training worker and TensorFlow.js, the
 * preview worker, the evaluation views, the Code view's editor, the Datasets page — and checks that the
 * page it started on is the page it ends on.
 */
test.use({ viewport: { width: 1600, height: 1000 } });

interface Doc {
  name: string;
  blocks: { id: string; type: string; params: Record<string, unknown> }[];
}

function shortFundus(): Doc {
  const doc = JSON.parse(readFileSync(new URL('../public/templates/fundus-screening.pipeline.json', import.meta.url), 'utf8')) as Doc;
  for (const b of doc.blocks) {
    if (b.type.startsWith('Sample')) Object.assign(b.params, { count: 48, size: 32 });
    if (b.type === 'ImageInput') Object.assign(b.params, { height: 32, width: 32 });
    if (b.type === 'Train') Object.assign(b.params, { epochs: 2, batchSize: 16, earlyStopping: false });
  }
  return { ...doc, name: 'Fundus (short)' };
}

/**
 * Watches for reloads after the page first loaded: counts the main frame's navigations and plants a
 * marker that a reload would wipe. `reloaded()` turns true at once, so a wait below ends as soon as the
 * page reloads instead of waiting for a run that is gone.
 */
async function watchReloads(page: Page) {
  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations++;
  });
  await page.evaluate(() => ((window as unknown as { __jimuSession: number }).__jimuSession = 42));
  return {
    reloaded: () => navigations > 0,
    summary: async () => ({ navigations, marker: await page.evaluate(() => (window as unknown as { __jimuSession?: number }).__jimuSession) }),
  };
}

// What the page said went wrong, printed with a failure (a step that never ends reports nothing else).
const problems: string[] = [];
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook asks for from this pattern
test.afterEach(({}, info) => {
  if (info.status !== info.expectedStatus && problems.length) console.log(`the page reported:\n${problems.join('\n')}`);
});

test('a fresh development server never reloads the page: open a template, preview, train, evaluate, open the code and the datasets', async ({ page }) => {
  // The first visit compiles and pre-bundles as fast as the machine allows; each step below has its own guard.
  test.setTimeout(3 * HANG_GUARD_MS);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  const started = Date.now();
  const mark = (step: string) => console.log(`dev server walk: ${step} after ${Math.round((Date.now() - started) / 1000)} s`);
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Blocks' })).toBeVisible({ timeout: HANG_GUARD_MS });
  const session = await watchReloads(page);

  // A template from the gallery, and a data block's preview (the preview worker).
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="fundus-screening.pipeline.json"]').click();
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train', { timeout: HANG_GUARD_MS });
  const fundus = shortFundus();
  await page.getByTestId('open-file').setInputFiles({ name: 'fundus-short.pipeline.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(fundus)) });
  await expect(page.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue(fundus.name);
  const sample = fundus.blocks.find((b) => b.type.startsWith('Sample'))!;
  await page.locator(`.react-flow__node[data-id="${sample.id}"] .block-head`).click();
  await expect(page.locator('[data-testid="data-preview"][data-state="done"]')).toBeVisible({ timeout: HANG_GUARD_MS });

  // Train to the end: the worker loads TensorFlow.js and its backends, then the evaluation views.
  await page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => (session.reloaded() ? 'reloaded' : (await lossPoints(page).catch(() => 0)) > 0 ? 'training' : 'waiting'), { timeout: HANG_GUARD_MS }).toMatch(/training|reloaded/);
  await expect.poll(async () => (session.reloaded() ? 'reloaded' : await phase(page)), { timeout: HANG_GUARD_MS, intervals: [250, 500, 1000] }).toMatch(/finished|failed|reloaded/);
  expect(session.reloaded(), 'the development server reloaded the page during the run').toBe(false);
  expect(await phase(page)).toBe('finished');
  await expect(page.getByTestId('evaluation-views')).toBeVisible();

  mark('trained');

  // The Code view (monaco and its workers) and the Datasets page (readers, de-identification).
  await page.getByRole('button', { name: 'Code' }).click();
  // The editor, or the view's message that it could not load: either ends the wait, and only the editor passes.
  await expect(page.locator('.code-view .monaco-editor, .code-view [role="alert"]').first()).toBeVisible({ timeout: HANG_GUARD_MS });
  // allTextContents() reads what is there now: no wait for a message that is (rightly) absent.
  const failure = await page.locator('.code-view .code-failure').allTextContents();
  expect(failure, `the code editor did not load\n${problems.join('\n')}`).toEqual([]);
  await expect(page.locator('.code-view .monaco-editor')).toBeVisible();
  mark('code view');
  await page.getByRole('button', { name: 'Datasets' }).click();
  await expect(page.getByRole('dialog', { name: 'Datasets' })).toBeVisible({ timeout: HANG_GUARD_MS });
  await page.getByRole('dialog', { name: 'Datasets' }).getByTestId('ds-files').setInputFiles([{ name: 'CT_small.dcm', mimeType: 'application/octet-stream', buffer: readFileSync(new URL('../src/data/fixtures/medical/CT_small.dcm', import.meta.url)) }]);
  // Wait for the import to end however it ends (no clock: a busy machine takes what it takes), then check how.
  const outcome = page.getByRole('dialog', { name: 'Datasets' }).locator('[role="status"], [role="alert"]');
  await expect(outcome).toBeVisible({ timeout: HANG_GUARD_MS });
  await expect(outcome).toHaveText('Imported 1 file (1 DICOM, de-identified).');
  await page.getByRole('dialog', { name: 'Datasets' }).getByRole('button', { name: 'Close' }).click();

  mark('datasets');

  // Still the same page: no reload, the run still on the dashboard, the undo history still there.
  expect(await session.summary()).toEqual({ navigations: 0, marker: 42 });
  await page.locator('.toolbar').getByRole('button', { name: 'Training', exact: true }).click();
  await expect(page.locator('.training-panel')).toHaveAttribute('data-phase', 'finished');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
});
