import { HANG_GUARD_MS } from './guards';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { canvasAtRest, node, selectBlock } from './editor-helpers';
import { phase } from './training-helpers';

/**
 * The clinician's path in 简体中文, read word by word: every visible text and every tooltip
 * (title, aria-label, placeholder, alt) of each screen, and no run of Latin letters in it except the
 * few words below, which Chinese readers of medical-imaging software read as they are.
 */
test.use({ viewport: { width: 1400, height: 1000 } });

/**
 * Latin words a Chinese interface keeps. Each is a name, a unit, a key or a standard's abbreviation
 * that has no Chinese form in use (people say "AUC", "DICOM"), never a sentence word.
 */
const ALLOWED = new Set([
  // the product, its file format and the formats it reads
  'Jimu', 'JSON', 'CSV', 'DICOM', 'NIfTI', 'PNG', 'JPEG', 'PS3', 'UID',
  // scores and their standards, as papers and challenges name them
  'AUC', 'ROC', 'ODIR', 'Dice', 'HD95', 'MAE', 'Bland', 'Altman', 'DVH', 'OpenKBP', 'autoPET', 'BraTS', 'NaN', 'Pearson', 'Spearman', 'Cohen', 'F1',
  // modalities and units
  'CT', 'PET', 'MRI', 'T1', 'T2', 'PTV', 'SUV', 'HU', 'Gy', 'mm', 'ms', 'mL', 'KB', 'MB', 'GB', 'KiB', 'MiB', 'GiB', 'ID',
  // letters used as symbols: X-ray (X 线片), the axes x, y, z, sets A and B in a formula
  'X', 'z', 'A',
  // where training runs, as the browser names it
  'CPU', 'GPU', 'WebAssembly', 'JavaScript', 'WebGL', 'WebGPU', 'wasm', 'cpu',
  // keys on the keyboard in the shortcut line
  'Ctrl', 'Shift', 'Alt', 'Enter', 'Delete', 'F8', 'Z', 'C', 'V', 'D', 'S',
  // coordinates in the "moved to x, y" screen-reader line, and the annex letter of PS3.15
  'x', 'y', 'E',
  // the slice viewer's orientation letters (right, left, anterior, posterior, superior, inferior), as every radiology viewer marks them
  'R', 'L', 'P', 'I',
  // the column a label table names its files by (the CSV's own header)
  'id',
  // values of parameters as the document and every framework spell them (activations, padding,
  // optimisers) and the Greek-letter parameters the losses are known by
  'sigmoid', 'softmax', 'relu', 'leaky_relu', 'elu', 'gelu', 'swish', 'same', 'valid', 'Adam', 'SGD', 'RMSprop', 'delta', 'gamma', 'alpha', 'N',
  // methods and models known by their authors' names
  'Huber', 'Focal', 'SFCN', 'ResNet', 'ReLU', 'SE', 'PAC', 'FLAIR', 'T1ce', 'RGB', 'Colin27',
  // number prefixes and the byte unit in compact counts ("4.64 k 个参数", "192 B")
  'k', 'M', 'B',
  // the batch dimension in a shape ("[batch, 48, 48, 3]"), as the block help writes it in both languages
  'batch',
]);

/** Names of more than one word, removed before the words are counted. */
const NAMES = ['PyTorch', 'Attention U-Net', 'U-Net', 'TensorFlow.js', 'RT Dose', 'ODIR-5K', 'Debian', 'pydicom'];

/** File extensions named in a sentence (".nii.gz"). */
const EXTENSION = /\.(?:nii(?:\.gz)?|gz|dcm|csv|json|png|jpe?g)\b/gi;

/** Codes of the diagnostics catalogue ("J102"): numbers people quote, like an error number. */
const CODE = /\bJ\d{3}\b/g;

/** Strings that are the user's data, not the interface: file names they imported or dropped. */
const FILE_NAME = /[\w.-]+\.(?:nii(?:\.gz)?|dcm|png|jpe?g|csv|json)\b/gi;

/** Metric keys: allowed in a tooltip beside the metric's name (the issue's own rule), nowhere else. */
const METRIC_KEYS = new Set(['auc', 'auc_macro', 'odir_score', 'kappa', 'f1_micro', 'accuracy', 'mae', 'pearson_r', 'dice']);

interface Seen {
  view: string;
  text: string;
  word: string;
}

/** Every visible text and tooltip of the page (the JSON typed in the Code view is data, not interface). */
async function interfaceTexts(page: Page): Promise<{ text: string; tooltip: boolean }[]> {
  return page.evaluate(() => {
    const out: { text: string; tooltip: boolean }[] = [];
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: false, checkVisibilityCSS: true }) ?? true;
    // Data, not interface: the JSON in the Code view, the DICOM header as the file holds it (the standard's
    // keywords and the file's values), the credits of the real examples (authors, sources, licences), the
    // guide's example files (a CSV is written as the file must be), and
    // the backend's technical detail, which a user opens only to report a problem, and commands and file
    // names set as code (`jimu train --out`, `metrics.json`), which are typed and found as they are.
    const isData = (el: Element) =>
      !!el.closest('code, .view-lines, .margin, .monaco-aria-container, .native-edit-context, script, style, textarea, .ds-header-table tbody, .ds-audit tbody, .real-credit, [data-testid="backend-detail"], .ds-guide-example');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || isData(el) || !visible(el)) continue;
      if (el.tagName === 'OPTION') continue; // a select shows only its chosen option, read below
      out.push({ text, tooltip: false });
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], img[alt], [aria-roledescription], [aria-description]')) {
      // Monaco's problem view reads the marked line of JSON aloud in its label; its visible message is checked above.
      if (isData(el) || !visible(el) || el.matches('.marker-widget .message')) continue;
      for (const a of ['title', 'aria-label', 'placeholder', 'alt', 'aria-roledescription', 'aria-description']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push({ text: v, tooltip: a === 'title' });
      }
    }
    for (const s of document.querySelectorAll('select')) if (visible(s) && s.selectedOptions[0]) out.push({ text: s.selectedOptions[0].text, tooltip: false });
    for (const i of document.querySelectorAll<HTMLInputElement>('input.doc-name')) if (visible(i)) out.push({ text: i.value, tooltip: false });
    // React Flow's screen-reader texts are in the page but not on screen.
    for (const el of document.querySelectorAll('.react-flow__aria-live, [id^="react-flow__node-desc"], [id^="react-flow__edge-desc"]')) if (el.textContent?.trim()) out.push({ text: el.textContent.trim(), tooltip: false });
    return out;
  });
}

/** The Latin words of the current screen that are not on the allow-list, with their sentence. */
async function englishOn(page: Page, view: string, ids: readonly string[], dataWords: readonly string[]): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (const { text, tooltip } of await interfaceTexts(page)) {
    let plain = text.replace(FILE_NAME, ' ').replace(EXTENSION, ' ').replace(CODE, ' ');
    for (const n of NAMES) plain = plain.replaceAll(n, ' ');
    for (const [word] of plain.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) {
      if (ALLOWED.has(word!) || ids.includes(word!) || dataWords.includes(word!) || (tooltip && METRIC_KEYS.has(word!))) continue;
      seen.push({ view, text: text.slice(0, 160), word: word! });
    }
  }
  return seen;
}

/** `JIMU_SCREENSHOTS=1` writes the pictures into docs/; otherwise they go to the test's output folder. */
const picture = (name: string, outputPath: (name: string) => string) => (process.env.JIMU_SCREENSHOTS === '1' ? `docs/${name}` : outputPath(name));

async function setParam(page: Page, block: string, param: string, value: string | number): Promise<void> {
  await selectBlock(page, block);
  const input = page.locator(`.param[data-param="${param}"] input`);
  await input.fill(String(value));
  await input.press('Enter');
}

test('a clinician walks the app in 简体中文 and meets no English', async ({ page }, info) => {
  test.setTimeout(HANG_GUARD_MS); // the walk trains a short run: only the hang guard bounds it on a busy machine
  const found: Seen[] = [];
  const template = JSON.parse(readFileSync(new URL('../public/templates/fundus-screening.pipeline.json', import.meta.url), 'utf8')) as { blocks: { id: string; params: Record<string, unknown> }[] };
  // Block ids are the names a user gives blocks (the inspector's ID field): shown as typed.
  const ids = template.blocks.map((b) => b.id);
  // Block types are the names the document, the command line and the help use ("Conv2D"): shown, deliberately
  // untranslated, as the inspector's Type and at the start of a block's help. Class names are the data's
  // labels, as the dataset holds them.
  const { BLOCKS } = await import('../blocks');
  const classes = ['normal', 'diabetic_retinopathy', 'glaucoma', 'cataract', 'amd', 'myopia'];
  // A long class name may wrap at its underscore ("diabetic_" / "retinopathy"): its parts are the same data.
  const dataWords = [...BLOCKS.map((b) => b.type), ...classes, ...classes.flatMap((c) => c.split('_').map((p, i, all) => (i < all.length - 1 ? `${p}_` : p)))];
  const look = async (view: string, shot?: string) => {
    found.push(...(await englishOn(page, view, ids, dataWords)));
    if (shot) await page.screenshot({ path: picture(shot, (n) => info.outputPath(n)) });
  };

  await page.goto('/');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByRole('navigation', { name: '模块' })).toBeVisible();
  await look('empty editor');

  // The template gallery, then the fundus template.
  await page.getByRole('button', { name: '新建' }).click();
  await expect(page.locator('.template[data-file="fundus-screening.pipeline.json"]')).toBeVisible();
  await look('template gallery');
  await page.locator('.template[data-file="fundus-screening.pipeline.json"]').click();
  await expect(node(page, 'data')).toBeVisible();
  await canvasAtRest(page);
  await look('fundus template', 'zh-walk-editor.png');

  // The inspector of a data block and of a layer, then a value the block refuses.
  await selectBlock(page, 'data');
  await look('inspector: data');
  await setParam(page, 'conv1', 'filters', 0);
  await expect(page.locator('.param[data-param="filters"] .param-problem')).toBeVisible();
  await look('refused value', 'zh-walk-refused.png');
  await setParam(page, 'conv1', 'filters', 16);
  await expect(page.locator('.param[data-param="filters"] .param-problem')).toHaveCount(0);

  // The palette, searched.
  await page.getByRole('searchbox', { name: '搜索模块' }).fill('dense');
  await look('palette search');
  await page.getByRole('searchbox', { name: '搜索模块' }).fill('');

  // A short run, its results and the run history.
  for (const [block, param, value] of [['data', 'count', 120], ['data', 'size', 32], ['input', 'height', 32], ['input', 'width', 32], ['train', 'epochs', 2]] as const) await setParam(page, block, param, value);
  await expect(page.getByTestId('status-summary')).toHaveText('可以开始训练');
  await page.locator('.toolbar .train-button').click();
  await expect.poll(() => phase(page), { timeout: HANG_GUARD_MS }).toMatch(/finished|failed/);
  expect(await phase(page)).toBe('finished');
  await expect(page.getByTestId('evaluation-views')).toBeVisible();
  await look('training results', 'zh-walk-results.png');
  await page.getByTestId('backend-line').locator('summary').click();
  await look('backend detail');
  await page.locator('.toolbar').getByRole('button', { name: '运行记录' }).click();
  await expect(page.locator('.side-panel')).toBeVisible();
  await look('run history', 'zh-walk-runs.png');

  // The Datasets page, empty and with a scan imported.
  await page.locator('.toolbar').getByRole('button', { name: '数据集' }).click();
  const dialog = page.getByRole('dialog', { name: '数据集' });
  await expect(dialog).toBeVisible();
  await look('datasets, empty');
  const fixture = (name: string) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(new URL(`../src/data/fixtures/medical/${name}`, import.meta.url)) });
  await dialog.getByTestId('ds-files').setInputFiles([fixture('CT_small.dcm'), fixture('standard.nii.gz')]);
  await expect(dialog.getByRole('status')).toContainText('已导入 2 个文件');
  await dialog.getByTestId('ds-guide').locator('summary').click();
  await expect(dialog.getByTestId('ds-guide')).toContainText('把标签记在电子表格中');
  await look('datasets, imported', 'zh-walk-datasets.png');
  await dialog.getByRole('button', { name: '关闭' }).first().click();

  // The Code view with a value the schema refuses.
  await page.locator('.toolbar').getByRole('button', { name: '代码' }).click();
  await expect(page.locator('.code-view .monaco-editor')).toBeVisible({ timeout: HANG_GUARD_MS });
  // The document as the Save button writes it, with one value the block refuses.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '保存' }).click();
  const broken = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as typeof template;
  broken.blocks.find((b) => b.id === 'data')!.params.count = -5;
  await page.locator('.code-view .view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(JSON.stringify(broken));
  await expect(node(page, 'data').locator('.block-node')).toHaveClass(/has-error/);
  // The editor marks the refused value; F8 goes to it and says what the Problems list says, in Chinese.
  await expect(page.locator('.code-view .decorationsOverviewRuler')).toBeAttached();
  await page.keyboard.press('F8');
  const marker = page.locator('.code-view .marker-widget');
  await expect(marker).toBeVisible({ timeout: HANG_GUARD_MS });
  await expect(marker).toContainText('示例眼底照片（合成）（data）：病例数量不能为“-5”。');
  await expect(page.locator('.code-view .squiggly-error').first()).toBeVisible();
  await look('code view', 'zh-walk-code.png');

  // One line per sentence, with the view it was first seen in and its English words.
  const lines = new Map<string, Set<string>>();
  for (const f of found) {
    const key = `${f.view}: “${f.text}”`;
    if (![...lines.keys()].some((k) => k.endsWith(`: “${f.text}”`))) lines.set(key, new Set());
    const k = [...lines.keys()].find((k) => k.endsWith(`: “${f.text}”`))!;
    lines.get(k)!.add(f.word);
  }
  expect([...lines].map(([k, words]) => `${k} — ${[...words].join(', ')}`)).toEqual([]);
});
