import { HANG_GUARD_MS } from './guards';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { openSampleTemplate } from './training-helpers';

/**
 * A run trained outside the browser comes back into Runs: the PyTorch export's train.py writes a run folder,
 * `jimu train --out` another (opened as a zip); the app shows their curves and scores (equal to metrics.json's
 * numbers, or to scikit-learn's on the prediction files when metrics.json records none), runs the model on a
 * file, says where the run was trained, names what is wrong with a damaged folder, and asks before opening a
 * run whose network is not the pipeline in the editor.
 */
test.use({ viewport: { width: 1400, height: 1600 } });

const PYTHON = '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'jimu-e2e-runs-'));
const torchRun = join(dir, 'torch-run');
const jimuRun = join(dir, 'jimu-run');

type Scores = Record<string, number>;
let oracle: Scores;

test.beforeAll(() => {
  // The sample-shapes template, trained briefly: 60 pictures, 2 epochs.
  const doc = JSON.parse(readFileSync('public/templates/sample-shapes.pipeline.json', 'utf8')) as { blocks: { id: string; params: Record<string, unknown> }[] };
  Object.assign(doc.blocks.find((b) => b.id === 'data')!.params, { count: 60 });
  Object.assign(doc.blocks.find((b) => b.id === 'train')!.params, { epochs: 2 });
  const file = join(dir, 'tiny.pipeline.json');
  writeFileSync(file, JSON.stringify(doc));
  execFileSync('node', ['bin/jimu.mjs', 'export', file, '--target', 'pytorch', '--out', join(dir, 'project'), '--with-data'], { stdio: 'pipe' });
  execFileSync(PYTHON, [join(dir, 'project', 'train.py'), '--out', torchRun, '--quiet'], { stdio: 'pipe' });
  execFileSync('node', ['bin/jimu.mjs', 'train', file, '--data', join(dir, 'no-data'), '--out', jimuRun, '--quiet'], { stdio: 'pipe' });
  // An independent scorer of the PyTorch run's prediction files.
  oracle = JSON.parse(
    execFileSync(PYTHON, ['-c', `
import csv, json, sys
from sklearn.metrics import accuracy_score, roc_auc_score, cohen_kappa_score
rows = lambda p: {r[0]: [float(v) for v in r[1:]] for r in list(csv.reader(open(p)))[1:]}
p, t = rows(sys.argv[1]), rows(sys.argv[2])
ids = list(t)
tc = [max(range(len(t[i])), key=lambda c: t[i][c]) for i in ids]
pc = [max(range(len(p[i])), key=lambda c: p[i][c]) for i in ids]
auc = [roc_auc_score([1 if c == k else 0 for c in tc], [p[i][k] for i in ids]) for k in range(len(t[ids[0]]))]
print(json.dumps({"accuracy": accuracy_score(tc, pc), "auc_macro": sum(auc) / len(auc), "kappa": cohen_kappa_score(tc, pc)}))
`, join(torchRun, 'predictions', 'evaluate.csv'), join(torchRun, 'truth', 'evaluate.csv')]).toString(),
  ) as Scores;
});

const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const three = (v: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(v);

/** The scores the open run view shows, as text by metric key. */
async function shownScores(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const div of await page.getByTestId('run-view').locator('[data-testid="scores"] > div').all()) out[(await div.getAttribute('data-metric'))!] = (await div.locator('dd').textContent())!;
  return out;
}

/** The newest run's first evaluation scores, as the history stored them. */
const storedScores = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('jimu-runs');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise<{ finished: number; opened?: { at: number }; evaluations: { scores: Record<string, unknown> }[] }[]>((resolve) => {
      const q = db.transaction('runs').objectStore('runs').getAll();
      q.onsuccess = () => resolve(q.result as never);
    });
    db.close();
    return all.sort((a, b) => (b.opened?.at ?? 0) - (a.opened?.at ?? 0))[0]!.evaluations[0]!.scores;
  });

const runCount = (page: Page) => page.locator('.run-item').count();

test('a PyTorch run folder and a jimu train zip open into Runs with their curves, scores, origin and model', async ({ page }) => {
  test.setTimeout(HANG_GUARD_MS);
  await page.goto('/');
  await openSampleTemplate(page);
  await page.locator('.toolbar').getByRole('button', { name: 'Runs' }).click();
  await expect(page.getByTestId('open-run')).toBeVisible();

  // 1. The folder train.py wrote.
  await page.getByTestId('open-run-folder').setInputFiles(torchRun);
  await expect(page.getByTestId('open-run-opened')).toBeVisible();
  const view = page.getByTestId('run-view');
  await expect(view).toBeVisible();
  const manifest = json<{ engine: { torch: string; devices: string[]; world_size: number } }>(join(torchRun, 'manifest.json'));
  await expect(view.getByTestId('run-origin')).toContainText(`Trained with PyTorch ${manifest.engine.torch} on ${manifest.engine.devices.join(', ')}, world size ${manifest.engine.world_size}.`);
  await expect(view.getByTestId('run-origin')).toContainText('Opened from torch-run.');
  // train.py records its evaluations in metrics.json (as jimu train does), so the scores shown are those; they
  // are still checked below against scikit-learn on the prediction files the run wrote.
  await expect(view.locator('[data-scores-from="metrics.json"]')).toBeVisible();
  // The curves: two epochs, the last training and validation loss equal to metrics.json's.
  const metrics = json<{ final: Scores }>(join(torchRun, 'metrics.json'));
  const loss = view.getByTestId('loss-curve');
  await expect(loss).toHaveAttribute('data-points', '2');
  expect(JSON.parse((await loss.getAttribute('data-last'))!)).toEqual({ loss: metrics.final.loss, val_loss: metrics.final.val_loss });
  // The scores: as scikit-learn computes them from the same prediction files.
  const stored = await storedScores(page);
  for (const k of ['accuracy', 'auc_macro', 'kappa']) expect(stored[k] as number, k).toBeCloseTo(oracle[k]!, 12);
  const shown = await shownScores(page);
  for (const k of ['accuracy', 'auc_macro', 'kappa']) expect(shown[k], k).toBe(three(oracle[k]!));
  // The model runs in the browser on a file the user gives.
  await view.getByTestId('predict-file').setInputFiles('public/samples/fundus-retina-512.jpg');
  const lines = view.getByTestId('prediction').locator('li');
  await expect(lines).toHaveCount(2);
  const probs = (await lines.locator('span:last-child').allTextContents()).map(Number);
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  // The model download: model.json and the very weights train.py wrote.
  const download = page.waitForEvent('download');
  await page.locator('.run-item[aria-current="true"]').getByRole('button', { name: 'Download model' }).click();
  const zipped = unzipSync(new Uint8Array(readFileSync((await (await download).path())!)));
  expect(Buffer.from(zipped['weights.bin']!).equals(readFileSync(join(torchRun, 'weights.bin')))).toBe(true);
  const model = JSON.parse(Buffer.from(zipped['model.json']!).toString()) as { weightsManifest: { weights: unknown[] }[] };
  expect(model.weightsManifest[0]!.weights).toEqual(json<{ weightsManifest: { weights: unknown[] }[] }>(join(torchRun, 'model.json')).weightsManifest[0]!.weights);
  await view.screenshot({ path: 'test-results/run-folder-pytorch-en.png' });
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(view.getByTestId('run-origin')).toContainText(`由 PyTorch ${manifest.engine.torch} 在`);
  await view.screenshot({ path: 'test-results/run-folder-pytorch-zh.png' });
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');

  // 2. A zip of the folder jimu train wrote: the scores shown are metrics.json's.
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files[`jimu-run/${relative(jimuRun, p)}`] = new Uint8Array(readFileSync(p));
    }
  };
  walk(jimuRun);
  writeFileSync(join(dir, 'jimu-run.zip'), zipSync(files));
  await page.getByTestId('open-run-zip').setInputFiles(join(dir, 'jimu-run.zip'));
  await expect(page.getByTestId('open-run-opened')).toContainText('jimu-run.zip');
  await expect(view.getByTestId('run-origin')).toContainText('Trained with jimu train');
  await expect(view.locator('[data-scores-from="metrics.json"]')).toBeVisible();
  const recorded = json<{ evaluations: { evaluate: Scores }; final: Scores }>(join(jimuRun, 'metrics.json'));
  const shownJimu = await shownScores(page);
  for (const k of ['accuracy', 'auc_macro', 'kappa']) expect(shownJimu[k], k).toBe(three(recorded.evaluations.evaluate[k]!));
  expect(JSON.parse((await view.getByTestId('loss-curve').getAttribute('data-last'))!)).toEqual({ loss: recorded.final.loss, val_loss: recorded.final.val_loss });
  await expect.poll(() => runCount(page)).toBe(2);
});

test('a damaged run folder is refused with the file named; another pipeline’s run waits for the user', async ({ page }) => {
  await page.goto('/');
  await openSampleTemplate(page);
  await page.locator('.toolbar').getByRole('button', { name: 'Runs' }).click();

  // Weights cut short: refused, naming weights.bin and both sizes; nothing is added to the history.
  const cut = join(dir, 'cut-run');
  cpSync(torchRun, cut, { recursive: true });
  const weights = readFileSync(join(cut, 'weights.bin'));
  writeFileSync(join(cut, 'weights.bin'), weights.subarray(0, weights.length - 4));
  const before = await runCount(page);
  await page.getByTestId('open-run-folder').setInputFiles(cut);
  const refused = page.getByTestId('open-run-refused');
  await expect(refused).toContainText('Cannot open cut-run.');
  await expect(refused.locator('[data-code="J764"]')).toContainText(`The weights (weights.bin) hold ${weights.length - 4} bytes, but the weightsManifest of model.json describes ${weights.length} bytes.`);
  await refused.screenshot({ path: 'test-results/run-folder-refused-en.png' });
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(refused.locator('[data-code="J764"]')).toContainText('权重文件（weights.bin）');
  await refused.screenshot({ path: 'test-results/run-folder-refused-zh.png' });
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  expect(await runCount(page)).toBe(before);

  // history.json that is not JSON.
  const badHistory = join(dir, 'bad-history');
  cpSync(torchRun, badHistory, { recursive: true });
  writeFileSync(join(badHistory, 'history.json'), '[{"epoch": 1,');
  await page.getByTestId('open-run-folder').setInputFiles(badHistory);
  await expect(page.getByTestId('open-run-refused').locator('[data-code="J761"]')).toContainText('history.json is not valid JSON');

  // The fundus template in the editor: the PyTorch run's network is another; "Don't open" keeps everything as it was.
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="fundus-screening.pipeline.json"]').click();
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
  // The Runs panel stays open over a new template (its button toggles it).
  await expect(page.getByTestId('open-run')).toBeVisible();
  await page.getByTestId('open-run-folder').setInputFiles(torchRun);
  const confirm = page.getByTestId('open-run-confirm');
  await expect(confirm.locator('[data-code="J771"]')).toContainText('This run was trained from another pipeline than "Fundus');
  await expect(confirm.locator('[data-code="J771"]')).toContainText('The run names its pipeline "Sample shapes: disc or ring"');
  await confirm.screenshot({ path: 'test-results/run-folder-other-pipeline-en.png' });
  await confirm.getByRole('button', { name: 'Don’t open' }).click();
  await expect(confirm).toBeHidden();
  expect(await runCount(page)).toBe(before);
  // Opened anyway: curves and scores, but the model is not tried on files with the wrong pipeline.
  await page.getByTestId('open-run-folder').setInputFiles(torchRun);
  await page.getByTestId('open-run-confirm').getByRole('button', { name: 'Open anyway' }).click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('run-origin')).toContainText('the model is not tried on files here');
  await expect(view.getByTestId('predict-drop')).toHaveCount(0);
  await expect(view.getByTestId('scores')).toBeVisible();
  expect(await runCount(page)).toBe(before + 1);
});
