import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { canvasAtRest, node, selectBlock } from './editor-helpers';
import { lossPoints, openSampleTemplate } from './training-helpers';

const EVIL = '<img src=x onerror=alert(1)>';

/** Every dialog (alert, confirm, prompt) and every Content-Security-Policy report the page makes. */
function watch(page: Page) {
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return { dialogs, violations };
}

/** The sample template with the hostile text in its title, description, block names and a composite's label. */
function hostileDocument() {
  const doc = JSON.parse(readFileSync(new URL('../public/templates/sample-shapes.pipeline.json', import.meta.url), 'utf8'));
  doc.name = EVIL;
  doc.description = EVIL;
  for (const b of doc.blocks) b.name = `${EVIL} ${b.id}`;
  doc.version = 2;
  doc.composites = {
    Evil: {
      label: EVIL,
      description: EVIL,
      blocks: [{ id: 'f', type: 'Flatten', params: {}, name: EVIL }, { id: 'd', type: 'Dense', params: { units: 4 }, name: EVIL }],
      links: [{ from: { block: 'f', port: 'out' }, to: { block: 'd', port: 'in' } }],
      inputs: { in: [{ block: 'f', port: 'in' }] },
      outputs: { out: { block: 'd', port: 'out' } },
    },
  };
  doc.blocks.push({ id: 'evil', type: 'Evil', params: {}, name: EVIL });
  doc.links.push({ from: { block: 'input', port: 'out' }, to: { block: 'evil', port: 'in' } });
  return doc;
}

test('the built app has a Content-Security-Policy that forbids inline script and still allows wasm and workers', async ({ page }) => {
  const { dialogs, violations } = watch(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(meta).not.toContain('unsafe-inline\'; worker');
  expect(meta).toContain("object-src 'none'");

  // Markup that slips into the DOM cannot run: the inline handler is refused by the policy.
  const blocked = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        const div = document.createElement('div');
        div.innerHTML = '<img src="data:," onerror="window.__pwned = 1">';
        document.body.append(div);
      }),
  );
  expect(blocked).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  violations.length = 0;

  // The app works under it: a template opens, and training starts in the worker on wasm.
  await openSampleTemplate(page);
  await page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true }).click();
  // The worker starts, compiles the wasm backend and its SIMD kernels, and trains (however long that takes here).
  await expect(page.getByTestId('backend-line')).toContainText('wasm (XNNPACK', { timeout: 110_000 });
  await expect.poll(() => lossPoints(page).catch(() => 0), { timeout: 110_000 }).toBeGreaterThan(0);
  expect(violations).toEqual([]);
});

test('a document whose names hold markup runs no script anywhere', async ({ page }) => {
  const { dialogs, violations } = watch(page);
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles({ name: 'evil.pipeline.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostileDocument())) });
  await expect(node(page, 'conv1')).toContainText(EVIL);
  await expect(node(page, 'evil')).toContainText(EVIL);
  // Everywhere the names are shown: the inspector, the code view, the palette's composite, the gallery, the runs.
  await node(page, 'evil').click();
  await expect(page.locator('.inspector')).toContainText(EVIL);
  await page.locator('.toolbar').getByRole('button', { name: 'Code', exact: true }).click();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('onerror=alert(1)', { timeout: 60_000 });
  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.getByRole('dialog', { name: 'Start a pipeline' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.locator('.toolbar').getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => lossPoints(page).catch(() => 0), { timeout: 110_000 }).toBeGreaterThan(0);
  expect(await page.locator(`img[src="x"]`).count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
});

test('class names from a CSV manifest and file names that hold markup run no script on the Datasets page', async ({ page }) => {
  const { dialogs, violations } = watch(page);
  const { writeNifti } = await import('../src/data/nifti/write-nifti');
  const image = writeNifti(Array.from({ length: 8 * 8 * 3 }, (_, o) => o % 64), [8, 8, 3]);
  const file = (name: string, bytes: Uint8Array | string) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.goto('/');
  await page.getByRole('button', { name: 'Datasets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.getByTestId('ds-files').setInputFiles([
    file('a.nii', image),
    file(`${EVIL}.nii`, image),
    file('manifest.csv', `patient,image:t1,label\nP1,a.nii,${EVIL}\nP2,${EVIL}.nii,benign\n`),
  ]);
  await expect(dialog.getByRole('status')).toContainText('Imported 3 files');
  await expect(dialog.getByRole('region', { name: 'Labels' })).toContainText(`${EVIL}: 1`);
  await expect(dialog.locator('.ds-volumes')).toContainText(EVIL);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
});

test('a DICOM file whose PatientName, descriptions and file name hold markup runs no script on the Datasets page', async ({ page }) => {
  const { dialogs, violations } = watch(page);
  const { parseDicom } = await import('../src/data/dicom/parse');
  const { writeDicom } = await import('../src/data/dicom/write');
  const { T } = await import('../src/data/dicom/values');
  const f = parseDicom(new Uint8Array(readFileSync(new URL('../src/data/fixtures/medical/MR_small.dcm', import.meta.url))));
  const text = (tag: number, vr: string) => f.dataset.elements.set(tag, { tag, vr, value: new TextEncoder().encode(EVIL.length % 2 ? `${EVIL} ` : EVIL) });
  text(T.PatientName, 'PN');
  text(0x00081030, 'LO'); // StudyDescription
  text(0x0008103e, 'LO'); // SeriesDescription
  await page.goto('/');
  await page.getByRole('button', { name: 'Datasets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.getByTestId('ds-files').setInputFiles([{ name: `${EVIL}.dcm`, mimeType: 'application/dicom', buffer: Buffer.from(writeDicom(f)) }]);
  await expect(dialog.getByRole('status')).toContainText('Imported 1 file (1 DICOM, de-identified)');
  // The header view shows the original values as text (the "before" column), the audit log lists what was done.
  const header = dialog.getByRole('region', { name: 'DICOM header before and after de-identification' });
  await expect(header.locator('tr', { hasText: 'PatientName' }).first()).toContainText('<img src=x onerror');
  await expect(header.locator('tr', { hasText: 'SeriesDescription' }).first()).toContainText(EVIL);
  const audit = dialog.getByRole('region', { name: 'De-identification audit log' });
  await audit.getByRole('button', { name: /Show the audit log/ }).click();
  await expect(audit.locator('tbody tr').first()).toBeVisible();
  await expect(dialog.locator('.ds-volumes')).toContainText(EVIL);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
});

test('a second tab says the document is autosaved elsewhere, and never writes over the first tab’s work', async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/');
  await openSampleTemplate(first);
  await expect(first.getByTestId('save-state')).toHaveText('Saved');
  const blocks = await first.locator('.react-flow__node').count();

  const second = await context.newPage();
  await second.goto('/');
  await expect(second.locator('.notice[data-kind="storage"]')).toContainText('Jimu is open in another tab');
  await expect(second.getByTestId('save-state')).toHaveText('Not saved');
  await expect(second.locator('.react-flow__node')).toHaveCount(blocks);
  // The first tab keeps saving.
  await first.getByRole('button', { name: 'Tidy up' }).click();
  await expect(first.getByTestId('save-state')).toHaveText('Saved');
  // The second tab's edit stays in the second tab, even when it closes last (closing flushes an autosave).
  await canvasAtRest(second);
  await selectBlock(second, 'conv1');
  await second.keyboard.press('Delete');
  await expect(second.locator('.react-flow__node')).toHaveCount(blocks - 1);
  await second.close({ runBeforeUnload: true });
  await first.close();
  const third = await context.newPage();
  await third.goto('/');
  await expect(third.locator('.react-flow__node')).toHaveCount(blocks);
  await expect(third.locator('.notice[data-kind="storage"]')).toHaveCount(0);
  await expect(third.getByTestId('save-state')).toHaveText('Saved');
});
