import { HANG_GUARD_MS } from './guards';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { patchTrainedPipeline } from '../src/cli/testing/patch-trained';
import { newestRunEvaluation, phase } from './training-helpers';

/**
 * A U-Net trained on 16³ patches of 24³ volumes, opened from a file: the browser's worker scores the whole
 * test volumes by sliding windows ("whole") beside patches of the same cases ("patches"), and the evaluation
 * view shows the whole volumes. A screenshot goes to test-results/.
 */
test.use({ viewport: { width: 1600, height: 1200 } });

test('a patch-trained U-Net is evaluated on whole volumes in the browser by sliding windows', async ({ page }) => {
  test.setTimeout(HANG_GUARD_MS); // training time depends on the machine: only the hang guard bounds it
  const file = patchTrainedPipeline(mkdtempSync(join(tmpdir(), 'jimu-e2e-sliding-')), 'glioma-segmentation.pipeline.json', { size: 24, patch: 16, count: 16, epochs: 1 });
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles({ name: 'glioma-patches.pipeline.json', mimeType: 'application/json', buffer: readFileSync(file) });
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
  await page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => phase(page), { timeout: 600_000, intervals: [250, 500, 1000] }).toMatch(/finished|failed/);
  if ((await phase(page)) === 'failed') throw new Error(`training failed: ${await page.getByTestId('train-failure').innerText()}`);
  const views = page.getByTestId('evaluation-views');
  await expect(views).toBeVisible();
  await expect(views.locator('section.evaluation')).toHaveCount(2);
  await expect(views).not.toContainText('NaN');
  const { evaluation } = await newestRunEvaluation(page);
  // The first stored evaluation is the one shown first; whichever it is, its shapes say how it was predicted.
  const shapes = { image: evaluation.imageShape as number[], label: evaluation.labelShape as number[] };
  expect([[24, 24, 24, 4], [16, 16, 16, 4]]).toContainEqual(shapes.image);
  expect(shapes.label.slice(0, 3)).toEqual(shapes.image.slice(0, 3));
  const whole = views.locator('section.evaluation').filter({ hasText: 'whole' }).first();
  await expect(whole.getByTestId('segmentation-viewer').locator('canvas.thumb')).toBeVisible();
  await page.screenshot({ path: 'test-results/sliding-window-evaluation.png', fullPage: true });
});
