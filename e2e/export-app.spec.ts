import { HANG_GUARD_MS } from './guards';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { openSampleTemplate } from './training-helpers';

/**
 * "Export for GPU training" in the app: the sample-shapes template downloads as `<name>-pytorch.zip`, whose
 * folder holds the files `jimu export --with-data` writes for the same template (byte for byte, but for the
 * pipeline's file name in plan.json) and trains with PyTorch's train.py into a run folder. A pipeline with
 * errors is refused in English and in Chinese, and nothing is downloaded; one that reads photos exports
 * without a data folder. (J501, a block with no PyTorch counterpart, cannot be reached with Jimu's own blocks:
 * src/worker/export-run.test.ts checks it with a made-up one.)
 */
test.use({ viewport: { width: 1400, height: 900 } });

const PYTHON = '/usr/bin/python3';
const TEMPLATE = 'public/templates/sample-shapes.pipeline.json';
const dir = mkdtempSync(join(tmpdir(), 'jimu-e2e-export-'));

/** Every file under a folder, by its path relative to it (with `/`). */
function filesUnder(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(root);
  return out;
}

/** The sample-shapes template changed by `edit`, opened with the toolbar's Open… as a user opens a file. */
async function openEdited(page: Page, name: string, edit: (doc: { blocks: { id: string; type: string; params: Record<string, unknown> }[]; links: { from: { block: string }; to: { block: string } }[] }) => void) {
  const doc = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as Parameters<typeof edit>[0] & { name: string };
  edit(doc);
  doc.name = name;
  await page.getByTestId('open-file').setInputFiles({ name: `${name}.pipeline.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.locator('.doc-name')).toHaveValue(name);
}

/** Photos read from a folder (Image Folder): the export reads them with Pillow from the folder train.py is given. */
const imageFolderSource = (doc: Parameters<Parameters<typeof openEdited>[2]>[0]) => {
  const source = doc.blocks.find((b) => b.id === 'data')!;
  source.type = 'ImageFolder';
  source.params = { height: 32, width: 32, channels: 1, classes: ['disc', 'ring'] };
};

test('Export for GPU training downloads the folder jimu export writes, and train.py trains it', async ({ page }) => {
  await page.goto('/');
  await openSampleTemplate(page);
  const name = await page.locator('.doc-name').inputValue();
  const downloaded = page.waitForEvent('download', { timeout: HANG_GUARD_MS });
  await page.locator('.toolbar').getByRole('button', { name: 'Export for GPU training', exact: true }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe('Sample-shapes-disc-or-ring-pytorch.zip');
  const zipPath = join(dir, download.suggestedFilename());
  await download.saveAs(zipPath);
  await expect(page.locator('.notice')).toContainText('Downloaded “Sample-shapes-disc-or-ring-pytorch.zip”. Unzip it and run: cd Sample-shapes-disc-or-ring-pytorch && python3 train.py --out run');
  await expect(page.locator('.toolbar').getByRole('button', { name: 'Export for GPU training', exact: true })).toBeEnabled();
  await page.screenshot({ path: 'docs/export-gpu-en.png' });

  // Unzipped as a user would: one folder.
  const entries = unzipSync(new Uint8Array(readFileSync(zipPath)));
  const unzipped = join(dir, 'unzipped');
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.endsWith('/')) continue;
    mkdirSync(dirname(join(unzipped, path)), { recursive: true });
    writeFileSync(join(unzipped, path), bytes);
  }
  expect(readdirSync(unzipped)).toEqual(['Sample-shapes-disc-or-ring-pytorch']);
  const project = join(unzipped, 'Sample-shapes-disc-or-ring-pytorch');

  // The same files as the command writes for the template; plan.json differs only in the file name it records.
  const cli = join(dir, 'cli');
  execFileSync('node', ['bin/jimu.mjs', 'export', TEMPLATE, '--target', 'pytorch', '--out', cli, '--with-data'], { stdio: 'pipe' });
  const fromApp = filesUnder(project);
  const fromCli = filesUnder(cli);
  expect([...fromApp.keys()].sort()).toEqual([...fromCli.keys()].sort());
  expect(fromApp.size).toBeGreaterThan(480); // a NIfTI file per case of the sample source, and the project
  const differ = [...fromApp].filter(([path, bytes]) => path !== 'plan.json' && !bytes.equals(fromCli.get(path)!)).map(([path]) => path);
  expect(differ).toEqual([]);
  const plan = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as { name: string; export: Record<string, unknown> };
  const appPlan = plan(fromApp.get('plan.json')!);
  const cliPlan = plan(fromCli.get('plan.json')!);
  expect(appPlan.export.pipeline).toBe('Sample-shapes-disc-or-ring.pipeline.json');
  expect(appPlan.name).toBe(name);
  expect({ ...appPlan, export: { ...appPlan.export, pipeline: null } }).toEqual({ ...cliPlan, export: { ...cliPlan.export, pipeline: null } });
  expect(fromApp.get('README.md')!.toString('utf8')).toContain('python3 train.py --out run');

  // PyTorch trains it for one epoch and writes a run folder.
  execFileSync(PYTHON, ['train.py', '--out', 'run', '--epochs', '1', '--quiet'], { cwd: project, stdio: 'pipe' });
  const run = join(project, 'run');
  expect(existsSync(join(run, 'metrics.json'))).toBe(true);
  const metrics = JSON.parse(readFileSync(join(run, 'metrics.json'), 'utf8')) as { evaluations: Record<string, { accuracy: number }> };
  const accuracy = metrics.evaluations.evaluate!.accuracy;
  expect(accuracy).toBeGreaterThanOrEqual(0);
  expect(accuracy).toBeLessThanOrEqual(1);
  expect((JSON.parse(readFileSync(join(run, 'history.json'), 'utf8')) as unknown[]).length).toBe(1);
  for (const f of ['model.json', 'weights.bin', 'manifest.json', 'predictions/evaluate.csv', 'truth/evaluate.csv']) expect(existsSync(join(run, f)), f).toBe(true);
});

test('a pipeline with errors is refused in English and in Chinese with nothing downloaded; one that reads photos exports without data', async ({ page }) => {
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.goto('/');

  // Errors: the split has lost its input.
  const broken = (doc: Parameters<Parameters<typeof openEdited>[2]>[0]) => {
    doc.links = doc.links.filter((l) => !(l.from.block === 'normalize' && l.to.block === 'split'));
  };
  await openEdited(page, 'Shapes without data', broken);
  await page.locator('.toolbar').getByRole('button', { name: 'Export for GPU training', exact: true }).click();
  const notice = page.locator('.notice-export-refused');
  await expect(notice).toContainText('This pipeline cannot be exported for GPU training until its errors are fixed. Nothing was downloaded.');
  await expect(notice.locator('.problem').first()).toBeVisible();

  // The same in Chinese.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await page.locator('.toolbar').getByRole('button', { name: '导出到 GPU 训练', exact: true }).click();
  await expect(notice).toContainText('此流程有错误，修正后才能导出到 GPU 训练。未下载任何文件。');
  await expect(notice.locator('.problem').first()).toBeVisible();
  await page.screenshot({ path: 'docs/export-gpu-zh.png' });
  expect(downloads).toEqual([]);

  // Photos read from a folder (Image Folder) export too, without a data folder: train.py is told where the photos are.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await openEdited(page, 'Shapes from photos', imageFolderSource);
  const downloaded = page.waitForEvent('download', { timeout: HANG_GUARD_MS });
  await page.locator('.toolbar').getByRole('button', { name: 'Export for GPU training', exact: true }).click();
  const zip = unzipSync(new Uint8Array(readFileSync(await (await downloaded).path())));
  expect(Object.keys(zip)).toContain('Shapes-from-photos-pytorch/train.py');
  expect(Object.keys(zip).filter((p) => p.startsWith('Shapes-from-photos-pytorch/data/'))).toEqual([]);
  await expect(page.locator('.notice')).toContainText('python3 train.py --data DATASET_FOLDER --out run');
});

test('an export under way can be cancelled, in English and in Chinese, and nothing is downloaded', async ({ page }) => {
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.goto('/');
  // Brain age: its sample cohort takes seconds to write, so the export shows its progress.
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.template[data-file="brain-age.pipeline.json"]').click();
  await expect(page.getByTestId('status-summary')).toHaveText('Ready to train');
  const button = (name: string) => page.locator('.toolbar').getByRole('button', { name, exact: true });

  await button('Export for GPU training').click();
  const progress = page.locator('.notice-exporting');
  await expect(progress).toBeVisible({ timeout: HANG_GUARD_MS });
  await progress.getByRole('button', { name: 'Cancel export' }).click();
  await expect(page.locator('.notice')).toContainText('Export cancelled. Nothing was downloaded.');
  await expect(button('Export for GPU training')).toBeEnabled();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await button('导出到 GPU 训练').click();
  await expect(progress).toBeVisible({ timeout: HANG_GUARD_MS });
  await progress.getByRole('button', { name: '取消导出' }).click();
  await expect(page.locator('.notice')).toContainText('已取消导出，未下载任何文件。');
  await expect(button('导出到 GPU 训练')).toBeEnabled();
  expect(downloads).toEqual([]);
});
