import { HANG_GUARD_MS } from './guards';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { encode } from 'fast-png';
import { unzipSync } from 'fflate';
import { addBlock, node } from './editor-helpers';
import { batches, lossPoints, newestRunEvaluation, openSampleTemplate, phase, startTraining } from './training-helpers';

test.use({ viewport: { width: 1600, height: 1000 } });

/** A 32×32 grey ring, drawn like the SampleShapes data (bright ring on a dark background). */
function ringPng(): Buffer {
  const data = new Uint8Array(32 * 32);
  for (let r = 0; r < 32; r++) {
    for (let c = 0; c < 32; c++) {
      const d = Math.hypot(r + 0.5 - 16, c + 0.5 - 16);
      data[r * 32 + c] = d <= 8 && d >= 4.5 ? 210 : 40;
    }
  }
  return Buffer.from(encode({ width: 32, height: 32, data, channels: 1, depth: 8 }));
}

/** The newest run in the page's IndexedDB history, as plain arrays. */
async function newestRun(page: Page) {
  const { id, evaluation } = await newestRunEvaluation(page);
  const ev = evaluation as { images: number[]; pred: number[]; imageShape: number[]; n: number };
  return { id, images: ev.images, pred: ev.pred, imageShape: ev.imageShape, n: ev.n };
}

test('trains the sample template in a worker: live curves, stop, a full run with evaluation views, history after reload, and a model that loads in Node', async ({ page }) => {
  test.setTimeout(HANG_GUARD_MS); // training time depends on the machine: only the hang guard bounds it
  await page.goto('/');
  await openSampleTemplate(page);

  // First run: the curves advance, then Stop takes effect within a batch or so.
  await startTraining(page, 2);
  await expect(page.getByTestId('backend-line')).toContainText(/wasm|webgl|webgpu|cpu/);
  const early = await lossPoints(page);
  await expect.poll(() => lossPoints(page)).toBeGreaterThan(early + 2);
  await expect(page.getByTestId('train-progress')).toHaveAttribute('aria-valuenow', /^[0-9]+$/);
  await page.screenshot({ path: 'test-results/training-live.png' });
  // Pause holds the run before its next batch; Resume carries on.
  const panel = page.locator('.training-panel');
  await panel.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('progress-text')).toContainText('paused');
  const held = await batches(page);
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('progress-text')).toContainText('left');
  await expect.poll(() => batches(page)).toBeGreaterThan(held + 1);
  await page.locator('.training-panel').getByRole('button', { name: 'Stop' }).click();
  const atStop = await batches(page);
  await expect(page.getByTestId('train-outcome')).toHaveAttribute('data-stopped', 'aborted', { timeout: 60_000 });
  await expect(page.getByTestId('train-outcome')).toContainText('Stopped on request');
  // Batches trained after the click: the one in progress, plus at most one whose event was in flight.
  expect(await batches(page)).toBeLessThanOrEqual(atStop + 2);

  // Second run, to the end: evaluation views with a score that shows learning.
  await page.locator('.training-panel').getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => phase(page), { timeout: 240_000 }).toBe('finished');
  await expect(page.getByTestId('train-outcome')).toHaveAttribute('data-stopped', 'completed');
  const accuracy = Number(await page.locator('[data-testid="scores"] [data-metric="accuracy"] dd').innerText());
  expect(accuracy).toBeGreaterThanOrEqual(0.9);
  await expect(page.getByTestId('metric-curve')).toHaveAttribute('data-points', '12');
  await expect(page.getByTestId('roc-curves')).toBeVisible();
  await expect(page.getByTestId('per-class')).toContainText('Sensitivity');
  await page.locator('[data-testid="confusion-matrix"] [data-cell="1-1"]').click();
  await expect(page.getByTestId('cell-examples').locator('canvas.thumb').first()).toBeVisible();
  expect(await page.getByTestId('cell-examples').locator('canvas.thumb').count()).toBeGreaterThan(10);
  await page.screenshot({ path: 'test-results/training-finished.png' });
  await page.locator('.training-side').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.screenshot({ path: 'test-results/training-evaluation.png' });

  // One dropped image: the model calls a ring a ring.
  await page.getByTestId('predict-file').setInputFiles({ name: 'ring.png', mimeType: 'image/png', buffer: ringPng() });
  await expect(page.getByTestId('prediction').locator('li')).toHaveCount(2);
  const ring = Number(await page.getByTestId('prediction').locator('li').nth(1).locator('span').last().innerText());
  expect(ring).toBeGreaterThan(0.5);

  // Download the model: one zip with model.json, weights.bin, the model card, the manifest and the
  // pipeline; unzipped, Node's tfjs gives the browser's predictions.
  const download = page.waitForEvent('download');
  await page.getByTestId('train-outcome').getByRole('button', { name: 'Download model' }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toMatch(/-model\.zip$/);
  const dir = mkdtempSync(join(tmpdir(), 'jimu-model-'));
  await zip.saveAs(join(dir, 'model.zip'));
  const unzipped = unzipSync(new Uint8Array(readFileSync(join(dir, 'model.zip'))));
  expect(Object.keys(unzipped).sort()).toEqual(['README.md', 'manifest.json', 'model-card.json', 'model.json', 'pipeline.json', 'weights.bin']);
  for (const [name, bytes] of Object.entries(unzipped)) writeFileSync(join(dir, name), bytes);
  const card = JSON.parse(readFileSync(join(dir, 'model-card.json'), 'utf8'));
  expect(card).toMatchObject({ format: 'jimu.model-card', task: { kind: 'multiclass' }, data: { synthetic: true } });
  expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('NOT a medical device');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  expect(manifest).toMatchObject({ format: 'jimu.run', version: 1, seed: 42, stoppedBecause: 'completed' });
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const weights = readFileSync(join(dir, 'weights.bin'));
  tf.env().set('PROD', true); // no advice to install tfjs-node
  await tf.setBackend('cpu');
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) }),
  );
  const run = await newestRun(page);
  const out = model.predict(tf.tensor(run.images, [run.n, ...run.imageShape])) as tf.Tensor;
  const inNode = Array.from(await out.data());
  const worst = Math.max(...inNode.map((p, i) => Math.abs(p - run.pred[i]!)));
  expect(worst).toBeLessThan(1e-4);

  // After a reload the runs are in the history: compare, view, restore.
  await page.reload();
  await page.locator('.toolbar').getByRole('button', { name: 'Runs' }).click();
  await expect(page.locator('.run-item')).toHaveCount(2);
  await expect(page.locator(`.run-item[data-run="${run.id}"]`)).toContainText('accuracy');
  await page.locator('.run-item input[type="checkbox"]').nth(0).check();
  await page.locator('.run-item input[type="checkbox"]').nth(1).check();
  await expect(page.getByTestId('run-compare')).toContainText('Stopped by you');
  await page.locator(`.run-item[data-run="${run.id}"]`).getByRole('button', { name: 'View' }).click();
  await expect(page.getByTestId('run-view').getByTestId('confusion-matrix')).toBeVisible();
  await page.screenshot({ path: 'test-results/training-history.png' });
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template').first().click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.locator(`.run-item[data-run="${run.id}"]`).getByRole('button', { name: 'Restore' }).click();
  await expect(node(page, 'conv1')).toBeVisible();
  await page.locator('.run-item').nth(1).getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.run-item')).toHaveCount(1);
  // The history and its evaluation views speak Chinese too.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByTestId('run-view')).toContainText('混淆矩阵');
  await page.screenshot({ path: 'test-results/training-history-zh.png' });
});

test('a worker that crashes mid-run leaves the document and the editor working', async ({ page }) => {
  await page.goto('/');
  await openSampleTemplate(page);
  const nodes = await page.locator('.react-flow__node').count();
  const name = await page.getByRole('textbox', { name: 'Pipeline name' }).inputValue();
  const workerStarted = page.waitForEvent('worker');
  await startTraining(page, 2);
  const worker = await workerStarted;
  // An uncaught error in the worker, as a crash or an out-of-memory abort would be.
  await worker.evaluate(() => setTimeout(() => {
    throw new Error('Simulated crash of the training worker');
  }));
  const failure = page.getByTestId('train-failure');
  await expect(failure).toHaveAttribute('data-code', 'worker-crashed');
  await expect(failure).toContainText('The training worker stopped unexpectedly');
  await expect(failure).toContainText('Your pipeline is unchanged');
  await page.screenshot({ path: 'test-results/training-crash.png' });
  // The document is untouched, and the editor still edits and undoes.
  await expect(page.locator('.react-flow__node')).toHaveCount(nodes);
  await expect(page.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue(name);
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
  await addBlock(page, 'Dense');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(nodes);
  // A new worker trains again.
  await startTraining(page, 2);
  await page.locator('.training-panel').getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('train-outcome')).toHaveAttribute('data-stopped', 'aborted', { timeout: 60_000 });
});
