import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const fixture = (name: string) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(new URL(`../src/data/fixtures/medical/${name}`, import.meta.url)) });

test('imports a DICOM series and a NIfTI file, shows their statistics, a slice and the de-identified header', async ({ page }, info) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Datasets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await expect(dialog).toBeVisible();

  await dialog.getByTestId('ds-files').setInputFiles([fixture('series_mr_0.dcm'), fixture('series_mr_1.dcm'), fixture('standard.nii.gz')]);
  await expect(dialog.getByRole('status')).toContainText('Imported 3 files (2 DICOM, de-identified).');

  // Statistics: one row per volume — the two DICOM files are one series.
  const volumes = dialog.locator('.ds-volumes tbody tr');
  await expect(volumes).toHaveCount(2);
  const series = volumes.filter({ hasText: 'dicom' });
  await expect(series).toContainText('256 × 256 × 2');
  const nifti = volumes.filter({ hasText: 'standard.nii.gz' });
  await expect(nifti).toContainText('4 × 5 × 7');
  await expect(dialog.locator('.ds-volumes svg.histogram')).toHaveCount(2);

  // A slice of the selected volume is drawn (not left black).
  const canvas = dialog.getByTestId('slice-canvas');
  await expect(canvas).toBeVisible();
  const lit = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n / (d.length / 4);
  });
  expect(lit).toBeGreaterThan(0.05);

  // The header before and after de-identification: the name is gone from what was stored.
  const header = dialog.getByRole('region', { name: 'DICOM header before and after de-identification' });
  const nameRow = header.locator('tr', { hasText: 'PatientName' }).first();
  await expect(nameRow).toContainText('dft patient name');
  await expect(nameRow.locator('td').nth(2)).not.toContainText('dft patient name');
  await expect(header.locator('tr', { hasText: 'PatientIdentityRemoved' }).first().locator('td').nth(2)).toHaveText('YES');
  // The stored audit log lists what was done to each attribute, with the pseudonym but never the old name.
  const audit = dialog.getByRole('region', { name: 'De-identification audit log' });
  await audit.getByRole('button', { name: /Show the audit log/ }).click();
  await audit.getByRole('searchbox').fill('PatientName replaced');
  await expect(audit.locator('tbody tr').first()).toContainText('JIMU-');
  await expect(audit).not.toContainText('dft patient name');
  await dialog.locator('.ds-main').screenshot({ path: info.outputPath('datasets-main.png') });
  await header.screenshot({ path: info.outputPath('datasets-header.png') });

  // The dataset is stored: it is listed after closing and reopening, without the in-memory "before" view.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Datasets' }).click();
  await expect(page.getByRole('navigation', { name: 'Stored datasets' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('navigation', { name: 'Stored datasets' }).getByRole('button').first().click();
  await expect(page.locator('.ds-volumes tbody tr')).toHaveCount(2);
  await page.screenshot({ path: info.outputPath('datasets-reopened.png'), fullPage: true });
});

test('shows label counts and missing labels from a manifest, and overlays a mask on its image', async ({ page }, info) => {
  const { writeNifti } = await import('../src/data/nifti/write-nifti');
  const image = writeNifti(Array.from({ length: 8 * 8 * 3 }, (_, o) => o % 64), [8, 8, 3]);
  const mask = writeNifti(Array.from({ length: 8 * 8 * 3 }, (_, o) => (o % 8 < 4 ? 1 : 0)), [8, 8, 3], { dtype: 'uint8' });
  const file = (name: string, bytes: Uint8Array | string) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.goto('/');
  await page.getByRole('button', { name: 'Datasets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.getByTestId('ds-files').setInputFiles([file('image.nii', image), file('mask.nii', mask), file('manifest.csv', 'patient,image:t1,label\nP1,image.nii,mask.nii\nP2,other.nii,\n')]);
  await expect(dialog.getByRole('status')).toContainText('Imported 3 files (0 DICOM');
  const labels = dialog.getByRole('region', { name: 'Labels' });
  await expect(labels).toContainText('mask: 1');
  await expect(labels).toContainText('Missing labels: P2-2');

  const viewer = dialog.getByRole('region', { name: 'Slice viewer' });
  await viewer.getByRole('combobox').first().selectOption({ label: 'image.nii' });
  await viewer.getByLabel('Mask overlay').selectOption({ label: 'mask.nii' });
  const reddish = await viewer.getByTestId('slice-canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! > d[i + 1]! + 40) n++;
    return n / (d.length / 4);
  });
  expect(reddish).toBeCloseTo(0.5, 1); // the mask covers half of every row
  await dialog.locator('.ds-main').screenshot({ path: info.outputPath('datasets-mask.png') });
});

test('holds back a DICOM file with burned-in annotation until the user imports it anyway', async ({ page }) => {
  const { parseDicom } = await import('../src/data/dicom/parse');
  const { writeDicom } = await import('../src/data/dicom/write');
  const { T } = await import('../src/data/dicom/values');
  const f = parseDicom(fixture('MR_small.dcm').buffer);
  f.dataset.elements.set(T.BurnedInAnnotation, { tag: T.BurnedInAnnotation, vr: 'CS', value: new TextEncoder().encode('YES ') });
  await page.goto('/');
  await page.getByRole('button', { name: 'Datasets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.getByTestId('ds-files').setInputFiles([{ ...fixture('MR_small.dcm'), name: 'burned.dcm', buffer: Buffer.from(writeDicom(f)) }, fixture('CT_small.dcm')]);
  await expect(dialog.getByRole('status')).toContainText('Imported 1 file (1 DICOM, de-identified). 1 file left out: burned.dcm (burned-in annotation).');
  const held = dialog.getByRole('region', { name: 'Left out: 1 file with burned-in annotation' });
  await expect(held).toContainText('de-identification cannot remove');
  await expect(held.getByRole('listitem')).toHaveText(['burned.dcm']);

  await held.getByRole('button', { name: 'Import these anyway' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported 1 file with burned-in annotation at your request');
  await expect(held).toHaveCount(0);
  await expect(dialog.getByRole('navigation', { name: 'Stored datasets' }).getByRole('listitem')).toContainText('2 files');
});

test('selecting one of two imported folders shows that dataset and only it, however often the user clicks between them', async ({ page }, info) => {
  // React reports sibling components that share a key ("Encountered two children with the same key").
  const keyWarnings: string[] = [];
  page.on('console', (m) => {
    if (/same key/i.test(m.text())) keyWarnings.push(m.text());
  });
  const folder = (name: string, files: string[]) => {
    const dir = info.outputPath(name);
    mkdirSync(dir, { recursive: true });
    for (const f of files) copyFileSync(new URL(`../src/data/fixtures/medical/${f}`, import.meta.url), join(dir, f));
    return dir;
  };
  const ct = folder('ct-study', ['CT_small.dcm']);
  const nifti = folder('nifti-study', ['standard.nii.gz']);

  await page.goto('/');
  await page.getByRole('button', { name: 'Datasets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.getByTestId('ds-folder').setInputFiles(ct);
  await expect(dialog.getByRole('status')).toContainText('Imported 1 file (1 DICOM');
  await dialog.getByTestId('ds-folder').setInputFiles(nifti);
  await expect(dialog.getByRole('navigation', { name: 'Stored datasets' }).getByRole('listitem')).toHaveCount(2);

  const list = dialog.getByRole('navigation', { name: 'Stored datasets' });
  const shows = async (name: string, file: string, other: string) => {
    await list.getByRole('button', { name }).click();
    await expect(dialog.locator('h3.ds-name')).toHaveText([name]);
    // One set of panels: one volume table, one viewer, one audit log; the other dataset's files nowhere.
    await expect(dialog.locator('.ds-volumes')).toHaveCount(1);
    await expect(dialog.getByRole('region', { name: 'Slice viewer' })).toHaveCount(1);
    await expect(dialog.getByRole('region', { name: 'De-identification audit log' })).toHaveCount(1);
    await expect(dialog.locator('.ds-volumes tbody tr')).toHaveCount(1);
    await expect(dialog.locator('.ds-volumes tbody tr')).toContainText(file);
    await expect(dialog.getByRole('region', { name: 'Slice viewer' })).toContainText(file);
    await expect(dialog.getByRole('region', { name: 'Slice viewer' })).not.toContainText(other);
  };
  for (let i = 0; i < 3; i++) {
    await shows('ct-study', 'CT_small.dcm', 'standard.nii.gz');
    await shows('nifti-study', 'standard.nii.gz', 'CT_small.dcm');
  }
  await shows('ct-study', 'CT_small.dcm', 'standard.nii.gz');
  await page.screenshot({ path: process.env.JIMU_SCREENSHOTS === '1' ? 'docs/datasets-select.png' : info.outputPath('datasets-select.png') });
  expect(keyWarnings).toEqual([]);
});
