import { HANG_GUARD_MS } from './guards';
import { expect, type Page } from '@playwright/test';
import { node } from './editor-helpers';

/** Opens the sample classifier from the template gallery. */
export async function openSampleTemplate(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="sample-shapes.pipeline.json"]').click();
  await expect(node(page, 'conv1')).toBeVisible();
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
}

/** Number of points the live loss chart has drawn (batch losses and epoch ends). */
export const lossPoints = async (page: Page) => Number(await page.getByTestId('loss-curve').getAttribute('data-points'));

/** Number of training batches the live loss chart has drawn. */
export const batches = async (page: Page) => Number(await page.getByTestId('loss-curve').getAttribute('data-batches'));

/** Presses Train in the toolbar and waits for the first batches to reach the chart. */
export async function startTraining(page: Page, atLeast = 1): Promise<void> {
  await page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.training-panel')).toBeVisible();
  // Preparing the data takes as long as the machine needs: wait for the chart, with no clock.
  await expect.poll(() => lossPoints(page).catch(() => 0), { timeout: HANG_GUARD_MS }).toBeGreaterThanOrEqual(atLeast);
}

/** The training panel's phase (idle, training, finished, failed …). */
export const phase = (page: Page) => page.locator('.training-panel').getAttribute('data-phase');

/**
 * The newest run in the page's IndexedDB history: its id and its first evaluation, every typed array in
 * it copied to a plain array so it crosses into the test.
 */
export async function newestRunEvaluation(page: Page): Promise<{ id: string; evaluation: Record<string, unknown> }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('jimu-runs');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise<Record<string, unknown>[]>((resolve) => {
      const q = db.transaction('runs').objectStore('runs').getAll();
      q.onsuccess = () => resolve(q.result as Record<string, unknown>[]);
    });
    db.close();
    const run = all.sort((a, b) => (b.finished as number) - (a.finished as number))[0]!;
    const ev = (run.evaluations as Record<string, unknown>[])[0]!;
    const plain = Object.fromEntries(Object.entries(ev).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v]));
    return { id: run.id as string, evaluation: plain };
  });
}
