import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeNifti } from '../src/data/nifti/write-nifti';

/**
 * A clinician has a folder of scans and a spreadsheet of diagnoses. On the Datasets page they import
 * the folder, pick the spreadsheet's columns, see how many scans each label has and which have none,
 * and Jimu writes the manifest: nobody writes one by hand or reads a file in the repository.
 */
test('labels come from a table the user already has: columns picked, counts and missing labels shown, manifest written', async ({ page }, info) => {
  const dir = info.outputPath('study');
  mkdirSync(dir, { recursive: true });
  const scan = (k: number) => writeNifti(Array.from({ length: 6 * 6 * 4 }, (_, o) => (o * k) % 50), [6, 6, 4]);
  for (const [i, name] of ['sub-01_T1w.nii', 'sub-02_T1w.nii', 'sub-03_T1w.nii', 'sub-04_T1w.nii'].entries()) writeFileSync(join(dir, name), scan(i + 1));
  // Column names as a spreadsheet of this study has them; sub-04 has no row, a row names a scan not here.
  writeFileSync(join(dir, 'diagnoses.csv'), 'Subject;Scan;Diagnosis\nP01;sub-01_T1w;glioma\nP02;sub-02_T1w.nii;healthy\nP03;sub-03_T1w;glioma\nP09;sub-09_T1w;healthy\n');

  await page.goto('/');
  await page.getByRole('button', { name: 'Datasets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.getByTestId('ds-folder').setInputFiles(dir);
  await expect(dialog.getByRole('status')).toContainText('Imported 5 files (0 DICOM');
  const labels = dialog.getByRole('region', { name: 'Labels', exact: true });
  await expect(labels).toContainText('No labels yet');
  await expect(dialog).not.toContainText('docs/datasets.md');

  // The table came with the folder: one click offers it, and Jimu guesses which column says what.
  const fromTable = labels.getByRole('region', { name: 'Labels from a table' });
  await fromTable.getByRole('button', { name: 'Use study/diagnoses.csv' }).click();
  await expect(fromTable.locator('select[data-column="image"]')).toHaveValue('Scan');
  await expect(fromTable.locator('select[data-column="label"]')).toHaveValue('Diagnosis');
  await expect(fromTable.locator('select[data-column="patient"]')).toHaveValue('Subject');
  const preview = fromTable.getByTestId('ds-label-preview');
  await expect(preview.locator('.ds-counts li')).toHaveText(['glioma: 2', 'healthy: 1']);
  await expect(preview).toContainText('Missing labels: sub-04_T1w');
  await expect(preview).toContainText('1 row names no scan of this dataset: sub-09_T1w');
  await page.screenshot({ path: info.outputPath('datasets-labels-preview.png') });

  // Choosing another column changes the preview: the patient codes are no labels.
  await fromTable.locator('select[data-column="label"]').selectOption('Subject');
  await expect(preview.locator('.ds-counts li')).toHaveText(['P01: 1', 'P02: 1', 'P03: 1']);
  await fromTable.locator('select[data-column="label"]').selectOption('Diagnosis');

  await preview.getByRole('button', { name: 'Use these labels (3 scans)' }).click();
  await expect(dialog.getByRole('status')).toContainText('Wrote study/manifest.csv');
  // The page now reads the labels from the manifest it wrote, as from one imported with the scans.
  await expect(labels.locator('.ds-counts li')).toHaveText(['glioma: 2', 'healthy: 1']);
  await expect(labels).toContainText('Missing labels: sub-04_T1w');
  await expect(labels.getByRole('region', { name: 'Labels from a table' })).toHaveCount(0);
  await expect(dialog.getByRole('navigation', { name: 'Stored datasets' }).getByRole('listitem')).toContainText('6 files');

  // The guide opens in the page, in English and in Chinese.
  const guide = dialog.getByTestId('ds-guide');
  await guide.locator('summary').click();
  await expect(guide).toContainText('Keep the labels in a spreadsheet, one row per scan');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh', { force: true }).catch(async () => {
    // The language control sits behind the dialog: close it, switch, reopen.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('button', { name: '数据集' }).click();
  });
  const zh = page.getByRole('dialog', { name: '数据集' });
  // The page's last message follows the language too.
  await expect(zh.getByRole('status')).toContainText('已写出 study/manifest.csv。');
  await zh.getByRole('navigation', { name: '已存储的数据集' }).getByRole('button', { name: 'study' }).click();
  await expect(zh.getByRole('region', { name: '标签', exact: true }).locator('.ds-counts li')).toHaveText(['glioma： 2', 'healthy： 1']);
  const zhGuide = zh.getByTestId('ds-guide');
  if (!(await zhGuide.evaluate((d: HTMLDetailsElement) => d.open))) await zhGuide.locator('summary').click();
  await expect(zhGuide.locator('summary')).toHaveText('如何准备数据集');
  await expect(zhGuide).toContainText('把标签记在电子表格中，每个扫描一行');
  await zh.screenshot({ path: process.env.JIMU_SCREENSHOTS === '1' ? 'docs/datasets-labels-zh.png' : info.outputPath('datasets-labels-zh.png') });
});
