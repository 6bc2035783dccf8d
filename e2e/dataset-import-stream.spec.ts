import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { HANG_GUARD_MS } from './guards';

/**
 * A clinician imports a folder of 120 scans: the page stores it case by case with progress, a reload
 * mid-import leaves an unfinished dataset that resumes from the same folder, and an import that will not
 * fit in the browser's storage is refused with the numbers, in English and Chinese.
 */

const CASES = 120;

/** Writes `count` small NIfTI volumes (distinct values per case) into <dir>/<name>/ and returns the folder and its bytes. */
async function cohort(dir: string, name: string, count: number, shape: [number, number, number]) {
  const { writeNifti } = await import('../src/data/nifti/write-nifti');
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  let bytes = 0;
  const voxels = shape[0] * shape[1] * shape[2];
  for (let i = 0; i < count; i++) {
    const data = writeNifti(Array.from({ length: voxels }, (_, o) => (o * 7 + i) % 251), shape);
    writeFileSync(join(root, `case-${String(i).padStart(3, '0')}.nii`), data);
    bytes += data.length;
  }
  return { root, bytes, decoded: count * voxels * 4 };
}

/**
 * Holds every file read after the first N (sessionStorage 'jimu-test-hold-after') until that key is removed:
 * the test decides where an import stands when it looks, reloads or cancels. Only the browser's File API is
 * wrapped; the app runs as it is.
 */
const holdReads = () => {
  const read = File.prototype.arrayBuffer;
  let reads = 0;
  File.prototype.arrayBuffer = function (this: File) {
    const after = Number(sessionStorage.getItem('jimu-test-hold-after') ?? 'NaN');
    if (!Number.isFinite(after) || ++reads <= after) return read.call(this);
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const poll = setInterval(() => {
        if (sessionStorage.getItem('jimu-test-hold-after') !== null) return;
        clearInterval(poll);
        read.call(this).then(resolve, reject);
      }, 20);
    });
  };
};
const holdAfter = (page: Page, n: number | null) => page.evaluate((v) => (v === null ? sessionStorage.removeItem('jimu-test-hold-after') : sessionStorage.setItem('jimu-test-hold-after', String(v))), n);

async function openDatasets(page: Page, label: string) {
  await page.locator('.toolbar').getByRole('button', { name: label }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('imports 120 volumes case by case with progress, survives a reload mid-import and resumes from the same folder', async ({ page }, info) => {
  test.setTimeout(HANG_GUARD_MS);
  const { root } = await cohort(info.outputPath('picked'), 'cohort', CASES, [32, 32, 16]);
  await page.addInitScript(holdReads);
  await page.goto('/');
  let dialog = await openDatasets(page, 'Datasets');

  // Import, held after 40 reads: progress says 40 of 120 cases stored, the bytes and the file being read.
  await holdAfter(page, 40);
  await dialog.getByTestId('ds-folder').setInputFiles(root);
  const progress = dialog.getByTestId('ds-import-progress');
  await expect(progress.getByTestId('ds-import-cases')).toHaveText(/^Stored 40 of 120 cases \([\d.]+ MB of [\d.]+ MB\)$/, { timeout: HANG_GUARD_MS });
  await expect(progress).toContainText(/Reading cohort\/case-04[01]\.nii/);
  await expect(progress.getByRole('button', { name: 'Cancel' })).toBeVisible();
  // The list follows the import: the dataset being written, unfinished, with its cases so far.
  await expect(dialog.getByRole('navigation', { name: 'Stored datasets' }).getByRole('listitem')).toHaveText(['cohort 40 files unfinishedDelete']);
  await dialog.screenshot({ path: 'docs/dataset-import-progress-en.png' });

  // Reload mid-import (two reads are still held, and stay held: the key outlives the reload): the import is gone from memory, its 40 cases are not.
  await page.reload();
  dialog = await openDatasets(page, 'Datasets');
  const unfinished = dialog.getByRole('region', { name: 'Unfinished import: cohort' });
  await expect(unfinished).toContainText('stopped after 40 of 120 cases');
  await expect(dialog.getByRole('navigation', { name: 'Stored datasets' }).getByRole('listitem')).toHaveText([/cohort\s+40 files\s+unfinished/]);

  // In Chinese: the same unfinished import, resumed from the same folder, held again after 30 more reads.
  await page.evaluate(() => localStorage.setItem('jimu.lang', 'zh'));
  await page.reload();
  dialog = await openDatasets(page, '数据集');
  const unfinishedZh = dialog.getByRole('region', { name: '未完成的导入：cohort' });
  await expect(unfinishedZh).toContainText('在 40 / 120 个病例后停止');
  await holdAfter(page, 30);
  await unfinishedZh.getByTestId('ds-resume').setInputFiles(root);
  await expect(dialog.getByTestId('ds-import-cases')).toHaveText(/^已存储 70 \/ 120 个病例（[\d.]+ MB \/ [\d.]+ MB）$/, { timeout: HANG_GUARD_MS });
  await expect(dialog.getByTestId('ds-import-progress')).toContainText(/正在读取 cohort\/case-07[01]\.nii/);
  await expect(dialog.getByRole('button', { name: '取消' }).first()).toBeVisible();
  await expect(dialog.getByRole('navigation', { name: '已存储的数据集' }).getByRole('listitem')).toHaveText(['cohort 70 个文件 未完成删除']);
  await dialog.screenshot({ path: 'docs/dataset-import-progress-zh.png' });
  await holdAfter(page, null);

  // Only the 80 cases not stored before were read and stored; the dataset is finished, listed once with 120 files.
  await expect(dialog.getByRole('status')).toContainText('已导入 80 个文件', { timeout: HANG_GUARD_MS });
  await expect(dialog.getByRole('status')).toContainText('跳过了 40 个已存储的病例。');
  await expect(dialog.getByRole('region', { name: '未完成的导入：cohort' })).toHaveCount(0);
  const items = dialog.getByRole('navigation', { name: '已存储的数据集' }).getByRole('listitem');
  await expect(items).toHaveText(["cohort 120 个文件删除"]);
  const rows = dialog.locator('.ds-volumes tbody tr td:first-child');
  await expect(rows).toHaveCount(CASES, { timeout: HANG_GUARD_MS });
  const names = await rows.allTextContents();
  expect(new Set(names).size).toBe(CASES);
  expect(names.sort()).toEqual(Array.from({ length: CASES }, (_, i) => `cohort/case-${String(i).padStart(3, '0')}.nii`));
});

test('Cancel stops an import and keeps the stored cases as an unfinished dataset, which can be discarded', async ({ page }, info) => {
  const { root } = await cohort(info.outputPath('picked'), 'small', 12, [8, 8, 4]);
  await page.addInitScript(holdReads);
  await page.goto('/');
  const dialog = await openDatasets(page, 'Datasets');
  await holdAfter(page, 5);
  await dialog.getByTestId('ds-folder').setInputFiles(root);
  await expect(dialog.getByTestId('ds-import-cases')).toHaveText(/^Stored 5 of 12 cases/, { timeout: HANG_GUARD_MS });
  await dialog.getByTestId('ds-import-progress').getByRole('button', { name: 'Cancel' }).click();
  await holdAfter(page, null);
  await expect(dialog.getByRole('status')).toHaveText('Import stopped: the 5 of 12 cases already stored are kept, and the dataset is marked unfinished. Resume it or discard it below.');
  const unfinished = dialog.getByRole('region', { name: 'Unfinished import: small' });
  await expect(unfinished).toContainText('stopped after 5 of 12 cases');
  await unfinished.getByRole('button', { name: 'Discard the unfinished dataset' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Discarded the unfinished dataset “small”.');
  await expect(dialog.getByRole('navigation', { name: 'Stored datasets' }).getByRole('listitem')).toHaveCount(0);
});

test('a second tab cannot resume, discard or delete a dataset that the first tab is importing into, in English and Chinese', async ({ page, context }, info) => {
  const { root } = await cohort(info.outputPath('picked'), 'shared', 12, [8, 8, 4]);
  await page.addInitScript(holdReads);
  await page.goto('/');
  const first = await openDatasets(page, 'Datasets');
  await holdAfter(page, 4);
  await first.getByTestId('ds-folder').setInputFiles(root);
  await expect(first.getByTestId('ds-import-cases')).toHaveText(/^Stored 4 of 12 cases/, { timeout: HANG_GUARD_MS });

  // The second tab sees the dataset the first is filling as unfinished, and is refused both ways.
  const other = await context.newPage();
  await other.goto('/');
  let second = await openDatasets(other, 'Datasets');
  const unfinished = second.getByRole('region', { name: 'Unfinished import: shared' });
  await unfinished.getByTestId('ds-resume').setInputFiles(root);
  const refusal = 'Another Jimu tab is importing into this dataset right now. Let it finish there (or close that tab), then try again here.';
  await expect(second.getByRole('alert')).toHaveText(refusal);
  await second.getByRole('button', { name: 'Close' }).click();
  await other.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  second = await openDatasets(other, '数据集');
  await second.getByRole('region', { name: /shared/ }).getByRole('button', { name: /丢弃/ }).click();
  await expect(second.getByRole('alert')).toHaveText('另一个积木标签页正在向此数据集导入。请等它在那边完成（或关闭那个标签页），然后在这里重试。');
  // Delete in the list of stored datasets goes through the same lock.
  await second.getByRole('button', { name: '关闭' }).click();
  second = await openDatasets(other, '数据集');
  await expect(second.getByRole('alert')).toHaveCount(0);
  await second.getByRole('navigation', { name: '已存储的数据集' }).getByRole('button', { name: '删除' }).click();
  await expect(second.getByRole('alert')).toHaveText('另一个积木标签页正在向此数据集导入。请等它在那边完成（或关闭那个标签页），然后在这里重试。');
  await expect(second.getByRole('navigation', { name: '已存储的数据集' }).getByRole('listitem')).toHaveCount(1);

  // The first tab's import goes on untouched and finishes with every case.
  await holdAfter(page, null);
  await expect(first.getByRole('status')).toHaveText(/^Imported 12 files/, { timeout: HANG_GUARD_MS });
});

test('refuses an import that will not fit in the browser’s storage, with the sizes and what to do, in English and Chinese', async ({ page }, info) => {
  const { root, bytes } = await cohort(info.outputPath('picked'), 'big', CASES, [32, 32, 16]);
  // The browser says 1 MB of 5 MB is used: 4 MB left, less than the folder's files.
  await page.addInitScript(() => {
    Object.defineProperty(navigator.storage, 'estimate', { value: async () => ({ usage: 1_000_000, quota: 5_000_000 }) });
  });
  expect(bytes).toBeGreaterThan(4_000_000);
  await page.goto('/');
  let dialog = await openDatasets(page, 'Datasets');
  await dialog.getByTestId('ds-folder').setInputFiles(root);
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Not enough storage for this import: it needs about ');
  const text = (await alert.textContent())!;
  const need = Number(/needs about ([\d.]+) MB/.exec(text)![1]);
  expect(need * 1e6).toBeGreaterThanOrEqual(bytes * 0.95); // at least the files' own bytes (rounded to the MB shown)
  expect(text).toContain('but this browser lets Jimu store only 4 MB more (of 5 MB in all). Nothing was stored. Delete datasets you no longer need, free disk space on this computer, or import the folder in smaller parts.');
  await expect(dialog.getByRole('navigation', { name: 'Stored datasets' }).getByRole('listitem')).toHaveCount(0);

  await page.evaluate(() => localStorage.setItem('jimu.lang', 'zh'));
  await page.reload();
  dialog = await openDatasets(page, '数据集');
  await dialog.getByTestId('ds-folder').setInputFiles(root);
  // Sizes in the Chinese locale's own words for MB, as the browser's Intl writes them.
  const zhMB = (n: number) => page.evaluate((v) => new Intl.NumberFormat('zh-CN', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(v), n);
  const [mb, mb5] = [await zhMB(4), await zhMB(5)];
  await expect(dialog.getByRole('alert')).toContainText('存储空间不足，无法导入：这次导入约需 ');
  await expect(dialog.getByRole('alert')).toContainText(`但本浏览器只允许 Jimu 再存储 ${mb}（总共 ${mb5}）。没有存储任何内容。请删除不再需要的数据集、释放本机磁盘空间，或把文件夹分成几部分导入。`);
  await expect(dialog.getByRole('navigation', { name: '已存储的数据集' }).getByRole('listitem')).toHaveCount(0);
});

test('measures peak memory and throughput while importing 120 volumes', async ({ page, browser }, info) => {
  test.setTimeout(HANG_GUARD_MS);
  // JIMU_IMPORT_MEASURE_SHAPE=128x128x32 measures larger volumes (2 MB each) the same way.
  const shape = (process.env.JIMU_IMPORT_MEASURE_SHAPE ?? '64x64x32').split('x').map(Number) as [number, number, number];
  const { root, decoded } = await cohort(info.outputPath('picked'), 'measured', CASES, shape);
  await page.goto('/');
  const dialog = await openDatasets(page, 'Datasets');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
  // The renderer's resident memory (ArrayBuffers live outside the JS heap), from /proc by the pids the browser reports.
  const bcdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await bcdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  const { readFileSync } = await import('node:fs');
  const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  const rss = () => renderers.reduce((a, pid) => {
    try {
      return a + Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
    } catch {
      return a;
    }
  }, 0);
  const before = { heap: await heap(), rss: rss() };
  let peak = { ...before };
  let sampling = true;
  // Samples only while the import runs (its progress bar is shown): after it the page summarizes the new
  // dataset, which reads every volume by design and is not the import's memory.
  const running = () => page.locator('.ds-progress').count();
  const sampler = (async () => {
    while (sampling) {
      const h = await heap();
      const r = rss();
      if ((await running()) > 0) peak = { heap: Math.max(peak.heap, h), rss: Math.max(peak.rss, r) };
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  const t0 = Date.now();
  await dialog.getByTestId('ds-folder').setInputFiles(root);
  await expect(dialog.getByRole('status')).toContainText(`Imported ${CASES} files`, { timeout: HANG_GUARD_MS });
  const seconds = (Date.now() - t0) / 1000;
  sampling = false;
  await sampler;
  const result = {
    cases: CASES,
    decodedMB: decoded / 1e6,
    seconds,
    casesPerSecond: CASES / seconds,
    jsHeapBeforeMB: before.heap / 1e6,
    jsHeapPeakMB: peak.heap / 1e6,
    rendererRssBeforeMB: before.rss / 1e6,
    rendererRssPeakMB: peak.rss / 1e6,
  };
  console.log(`dataset import: ${JSON.stringify(result)}`);
  info.annotations.push({ type: 'measurement', description: JSON.stringify(result) });
  writeFileSync(info.outputPath('import-measurement.json'), JSON.stringify(result, null, 2));
});
