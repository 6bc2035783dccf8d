import { HANG_GUARD_MS } from './guards';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lossPoints, newestRunEvaluation, phase } from './training-helpers';

/**
 * Every template in the gallery trains in the browser's worker. Each test opens a shortened copy of a
 * template the way a user opens a file (the toolbar's Open… input), with few, small examples and few
 * epochs, presses Train, waits for the end and checks what a user sees: the dashboard at its
 * last epoch, the backend line, curves with points, and the task's evaluation view with finite
 * numbers, better than a trivial guess where such a short run can learn. One screenshot per template
 * goes to test-results/; the training times go to the test output and to
 * test-results/templates-train-timings.json.
 */
test.use({ viewport: { width: 1600, height: 1200 } });

interface TemplateEntry {
  file: string;
  task: string;
}
interface Block {
  id: string;
  type: string;
  params: Record<string, unknown>;
}
interface TemplateDoc {
  name: string;
  blocks: Block[];
}

const templates = JSON.parse(readFileSync(new URL('../public/templates/index.json', import.meta.url), 'utf8')) as TemplateEntry[];
const templateDoc = (file: string) => JSON.parse(readFileSync(new URL(`../public/templates/${file}`, import.meta.url), 'utf8')) as TemplateDoc;

/**
 * How each template is shortened: examples, their size (the smallest the data block allows, 32 for the
 * fundus photos), epochs and batch size; `learns` says whether such a run beats a trivial guess (seeded,
 * about 2 to 14 s each on two slow CPU cores). Brain age needs about 30 short epochs before its single
 * output reaches the range of ages, so fewer would only show a guess.
 */
interface Short {
  count: number;
  /** null keeps the template's size. */
  size: number | null;
  epochs: number;
  batchSize: number;
  learns: boolean;
}
const SHORT: Record<string, Short> = {
  'sample-shapes.pipeline.json': { count: 160, size: 16, epochs: 8, batchSize: 16, learns: true },
  'fundus-screening.pipeline.json': { count: 240, size: 32, epochs: 8, batchSize: 16, learns: true },
  'brain-age.pipeline.json': { count: 120, size: 16, epochs: 30, batchSize: 4, learns: true },
  'glioma-segmentation.pipeline.json': { count: 40, size: 16, epochs: 6, batchSize: 4, learns: true },
  'dose-prediction.pipeline.json': { count: 40, size: 16, epochs: 6, batchSize: 4, learns: true },
  'petct-lesions.pipeline.json': { count: 40, size: 16, epochs: 6, batchSize: 4, learns: true },
};
/** A template added later: opened, trained and shown, without a claim that it learns. */
const DEFAULT_SHORT: Short = { count: 24, size: null, epochs: 1, batchSize: 4, learns: false };

/** The template with its data, input and training cut down; everything else (model, loss, split) as shipped. */
function shorten(file: string): TemplateDoc {
  const doc = templateDoc(file);
  const s = SHORT[file] ?? DEFAULT_SHORT;
  for (const b of doc.blocks) {
    if (b.type.startsWith('Sample')) Object.assign(b.params, { count: s.count }, s.size === null ? {} : { size: s.size });
    if (b.type === 'ImageInput' && s.size !== null) Object.assign(b.params, { height: s.size, width: s.size });
    if (b.type === 'VolumeInput' && s.size !== null) Object.assign(b.params, { depth: s.size, height: s.size, width: s.size });
    if (b.type === 'Train') Object.assign(b.params, { epochs: s.epochs, batchSize: s.batchSize, earlyStopping: false });
  }
  return { ...doc, name: `${doc.name} (short test run)` };
}

/** The newest run's first evaluation from the page's IndexedDB history, as plain arrays. */
async function newestEvaluation(page: Page) {
  const ev = (await newestRunEvaluation(page)).evaluation as { truth: number[]; labelShape: number[]; imageShape: number[]; labelNames: string[]; n: number; scores: Record<string, unknown> };
  return { truth: ev.truth, labelShape: ev.labelShape, imageShape: ev.imageShape, labelNames: ev.labelNames, n: ev.n, scores: ev.scores };
}

/** The headline scores the evaluation view shows, by metric name. */
async function shownScores(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const item of await page.locator('[data-testid="scores"] > div').all()) out[(await item.getAttribute('data-metric'))!] = Number(await item.locator('dd').innerText());
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const timings: Record<string, { trainSeconds: number; scores: Record<string, number>; baseline: Record<string, number> }> = {};

test.afterAll(() => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/templates-train-timings.json', JSON.stringify(timings, null, 2));
});

for (const { file, task } of templates) {
  test(`${file}: a shortened copy opened from a file trains in the browser's worker and shows its ${task} evaluation`, async ({ page }) => {
    test.setTimeout(HANG_GUARD_MS); // training time depends on the machine: only the hang guard bounds it
    const short = SHORT[file] ?? DEFAULT_SHORT;
    await page.goto('/');
    await page.getByTestId('open-file').setInputFiles({ name: file.replace('.pipeline.json', '-short.pipeline.json'), mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(shorten(file))) });
    await expect(page.getByRole('textbox', { name: 'Pipeline name' })).toHaveValue(/short test run/);
    await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');

    const started = Date.now();
    await page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.locator('.training-panel')).toBeVisible();
    await expect.poll(() => phase(page), { timeout: 150_000, intervals: [250, 500, 1000] }).toMatch(/finished|failed/);
    const trainSeconds = (Date.now() - started) / 1000;
    if ((await phase(page)) === 'failed') throw new Error(`training failed: ${await page.getByTestId('train-failure').innerText()}`);

    // The dashboard reached the end: every epoch done, the backend named, curves drawn.
    await expect(page.getByTestId('train-outcome')).toHaveAttribute('data-stopped', 'completed');
    await expect(page.getByTestId('train-outcome')).toContainText(`Finished all ${short.epochs} epochs`);
    await expect(page.getByTestId('progress-text')).toContainText(`Epoch ${short.epochs} of ${short.epochs}`);
    await expect(page.getByTestId('train-progress')).toHaveAttribute('aria-valuenow', '100');
    await expect(page.getByTestId('backend-line')).toContainText(/wasm|webgl|webgpu|cpu/);
    expect(await lossPoints(page)).toBeGreaterThan(short.epochs);
    await expect(page.getByTestId('metric-curve')).toHaveAttribute('data-points', String(short.epochs));

    // The task's evaluation view, with finite numbers.
    const views = page.getByTestId('evaluation-views');
    await expect(views).toBeVisible();
    const section = views.locator('section.evaluation').first();
    const scores = await shownScores(page);
    expect(Object.keys(scores).length, 'headline scores shown').toBeGreaterThan(0);
    for (const [k, v] of Object.entries(scores)) expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
    await expect(views).not.toContainText('NaN');
    const ev = await newestEvaluation(page);
    const evTask = await section.getAttribute('data-task');
    const stored = Object.fromEntries(Object.entries(ev.scores).filter((e): e is [string, number] => typeof e[1] === 'number'));
    // The numbers shown are the run's own, rounded.
    for (const [k, v] of Object.entries(scores)) if (k in stored) expect(Math.abs(v - stored[k]!), k).toBeLessThanOrEqual(0.0005 + 1e-9);
    const per = ev.labelShape.reduce((a, b) => a * b, 1);
    const baseline: Record<string, number> = {};

    switch (evTask) {
      case 'binary':
      case 'multiclass':
      case 'multilabel': {
        // ROC curves with an AUC per class, and the per-class table.
        await expect(section.getByTestId('roc-curves').locator('polyline')).toHaveCount(per === 1 ? 1 : per);
        await expect(section.getByTestId('per-class')).toContainText('AUC');
        await expect(section.getByTestId('per-class').locator('tbody tr')).toHaveCount(per === 1 ? 2 : per);
        await expect(section.getByTestId('confusion-matrix')).toBeVisible();
        const auc = scores.auc_macro ?? scores.auc!;
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
        baseline[scores.auc_macro === undefined ? 'auc' : 'auc_macro'] = 0.5; // chance
        if (short.learns) expect(auc, 'AUC above chance').toBeGreaterThan(0.6);
        if (evTask === 'multiclass' && short.learns) {
          // Accuracy above always answering the commonest class.
          const counts = Array.from({ length: per }, (_, c) => ev.truth.filter((v, i) => i % per === c && v > 0.5).length);
          baseline.accuracy = Math.max(...counts) / ev.n;
          expect(scores.accuracy).toBeGreaterThan(baseline.accuracy);
        }
        await expect(views.getByTestId('predict-file')).toBeVisible(); // a 2D classifier can be tried on a dropped picture
        break;
      }
      case 'regression': {
        // Predicted against true, and Bland–Altman: one dot per test example; the MAE.
        await expect(section.getByTestId('regression-scatter').locator('circle')).toHaveCount(ev.n);
        await expect(section.getByTestId('bland-altman').locator('circle')).toHaveCount(ev.n);
        await expect(section.getByTestId('regression-scatter')).toContainText(`true value (${ev.labelNames[0]})`);
        expect(scores.mae).toBeGreaterThanOrEqual(0);
        if (short.learns) {
          // Better than answering the test examples' own median for everyone.
          const sorted = [...ev.truth].sort((a, b) => a - b);
          const median = sorted[Math.floor(sorted.length / 2)]!;
          baseline.mae = mean(ev.truth.map((v) => Math.abs(v - median)));
          expect(scores.mae).toBeLessThan(baseline.mae);
          expect(scores.pearson_r).toBeGreaterThan(0);
        }
        // A volume model is tried on its real example, not on a dropped picture.
        await expect(views.getByTestId('predict-file')).toHaveCount(ev.imageShape.length === 4 ? 0 : 1);
        break;
      }
      case 'segmentation': {
        // The slice viewer with true and predicted masks, one modality at a time, and Dice per case.
        const viewer = section.getByTestId('segmentation-viewer');
        await expect(viewer.locator('canvas.thumb')).toBeVisible();
        const channels = ev.imageShape.at(-1)!;
        if (channels > 1) await expect(viewer.getByTestId('seg-channel').locator('option')).toHaveCount(channels);
        await expect(viewer.locator('tbody tr')).toHaveCount(ev.n);
        const labels = ev.labelShape.at(-1)! === 1 ? ev.labelNames.slice(0, 1) : ev.labelNames.slice(1);
        await expect(viewer.locator('thead')).toContainText(`Dice (${labels.join(' / ')})`);
        expect(scores.dice_mean).toBeGreaterThanOrEqual(0);
        expect(scores.dice_mean).toBeLessThanOrEqual(1);
        if (labels.includes('necrosis')) expect(Object.keys(scores)).toEqual(expect.arrayContaining(['dice_whole_tumor', 'dice_tumor_core', 'dice_enhancing_tumor']));
        if (short.learns) {
          // Better than marking every voxel as the one label that scores best so.
          const ch = ev.labelShape.at(-1)!;
          const voxels = per / ch;
          const allAs = (c: number) =>
            mean(
              Array.from({ length: ev.n }, (_, i) => {
                let t = 0;
                for (let v = 0; v < voxels; v++) t += ev.truth[i * per + v * ch + c]! > 0.5 ? 1 : 0;
                return (2 * t) / (t + voxels);
              }),
            ) / labels.length;
          baseline.dice_mean = Math.max(...labels.map((_, j) => allAs(ch === 1 ? 0 : j + 1)));
          expect(scores.dice_mean).toBeGreaterThan(baseline.dice_mean);
        }
        await expect(views.getByTestId('predict-drop')).toHaveCount(0); // no "drop a PNG" for a per-voxel model
        break;
      }
      case 'dense-regression': {
        // Predicted against true dose, voxel by voxel (a sample), Bland–Altman, the MAE and the dose score.
        await expect(section.getByTestId('regression-scatter').locator('circle').first()).toBeVisible();
        await expect(section.getByTestId('bland-altman').locator('circle').first()).toBeVisible();
        await expect(section.getByTestId('regression-scatter')).toContainText(`true value (${ev.labelNames[0]})`);
        // The dose over the scan: true, predicted and difference, each a drawn slice with colour in it.
        const doseCanvases = section.getByTestId('dose-viewer').locator('canvas');
        await expect(doseCanvases).toHaveCount(3);
        const colourful = await doseCanvases.evaluateAll((cs) =>
          cs.map((c) => {
            const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height).data;
            let coloured = 0;
            for (let p = 0; p < d.length; p += 4) if (Math.abs(d[p]! - d[p + 2]!) > 30) coloured++;
            return coloured;
          }),
        );
        expect(colourful[0], 'the true dose is washed over the slice').toBeGreaterThan(0);
        expect(colourful[1], 'the predicted dose is washed over the slice').toBeGreaterThan(0);
        expect(Object.keys(scores)).toEqual(expect.arrayContaining(['dose_score', 'mae']));
        expect(scores.mae).toBeGreaterThanOrEqual(0);
        if (short.learns) {
          // Better than no dose anywhere, and than the mean dose everywhere.
          const m = mean(ev.truth);
          baseline.mae = Math.min(mean(ev.truth.map(Math.abs)), mean(ev.truth.map((v) => Math.abs(v - m))));
          expect(scores.mae).toBeLessThan(baseline.mae);
          // The dose score (MAE where the true dose is above 0) of a zero prediction is the mean dose there.
          baseline.dose_score = mean(Array.from({ length: ev.n }, (_, i) => mean(ev.truth.slice(i * per, (i + 1) * per).filter((v) => v > 0))));
          expect(scores.dose_score).toBeLessThan(baseline.dose_score);
        }
        await expect(views.getByTestId('predict-drop')).toHaveCount(0);
        break;
      }
      default:
        throw new Error(`no evaluation view checked for task ${evTask}`);
    }
    const line = `${file}: ${short.count} examples of ${short.size ?? 'template'} px, ${short.epochs} epochs, trained and evaluated in the browser in ${trainSeconds.toFixed(1)} s on ${(await page.getByTestId('backend-line').innerText()).split(' ')[0]}; shown ${JSON.stringify(scores)}; trivial baseline ${JSON.stringify(baseline)}`;
    console.log(line);
    test.info().annotations.push({ type: 'browser training', description: line });
    timings[file] = { trainSeconds: Math.round(trainSeconds * 10) / 10, scores, baseline };
    await views.screenshot({ path: `test-results/templates-train-${file.replace('.pipeline.json', '')}.png` });
  });
}
