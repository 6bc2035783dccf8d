/**
 * Editor benchmark: opens a 500-block document in headless Chromium (the built app under
 * `vite preview`) and measures frames per second while panning and zooming, the time to open the
 * document, and the compile-on-edit time (in the page and in Node). Every speed is also reported as
 * a ratio against a reference measured in the same run (an empty canvas; a 10-block document).
 *
 *   npx vite build && npx tsx bench/editor-bench.ts      → prints markdown, writes bench/editor-results.md
 */
import { writeFileSync } from 'node:fs';
import { startPreview, stopPreview } from './preview-server';
import { chromium, type Page } from 'playwright-core';
import { REGISTRY } from '../blocks';
import { compile, serializeDocument, type PipelineDocument } from '../src/core';
import { largeDocument } from './editor-doc';

const PORT = 4179;
const URL_ = `http://127.0.0.1:${PORT}/`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);


async function openDocument(page: Page, doc: PipelineDocument): Promise<number> {
  const t0 = Date.now();
  await page.getByTestId('open-file').setInputFiles({ name: 'bench.pipeline.json', mimeType: 'application/json', buffer: Buffer.from(serializeDocument(doc)) });
  await page.locator(`.react-flow__node[data-id="${doc.blocks[0]!.id}"], .react-flow__node`).first().waitFor();
  // Two frames after the first node: the canvas has painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return Date.now() - t0;
}

/** Frames per second while `act` runs for SECONDS, counted with requestAnimationFrame in the page. */
async function fps(page: Page, act: (until: number) => Promise<void>): Promise<number> {
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const start = Date.now();
  await act(start + SECONDS * 1000);
  const elapsed = (Date.now() - start) / 1000;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  return frames / elapsed;
}

async function pan(page: Page, until: number) {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  let dir = 1;
  while (Date.now() < until) {
    await page.mouse.move(cx - 150 * dir, cy);
    await page.mouse.down();
    for (let i = 0; i <= 20; i++) await page.mouse.move(cx - 150 * dir + 15 * i * dir, cy + (i % 2) * 3);
    await page.mouse.up();
    dir = -dir;
  }
}

async function zoom(page: Page, until: number) {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let dir = 1;
  let n = 0;
  while (Date.now() < until) {
    await page.mouse.wheel(0, 60 * dir);
    if (++n % 10 === 0) dir = -dir;
  }
}

/** Median time of the compiles triggered by changing one parameter, read from the page's performance measures. */
async function editTimes(page: Page, blockId: string, edits: number) {
  await page.locator(`.react-flow__node[data-id="${blockId}"] .block-head`).click();
  const input = page.locator('.param[data-param="units"] input');
  await input.waitFor();
  const latencies: number[] = [];
  await page.evaluate(() => performance.clearMeasures('jimu:compile'));
  for (let i = 0; i < edits; i++) {
    const units = String(20 + i);
    await input.fill(units);
    const t0 = Date.now();
    await input.press('Enter');
    await page.locator(`.react-flow__node[data-id="${blockId}"] .port-value`).filter({ hasText: `, ${units}]` }).waitFor({ state: 'attached' });
    latencies.push(Date.now() - t0);
  }
  const compiles = await page.evaluate(() => performance.getEntriesByName('jimu:compile').map((e) => e.duration));
  return { compile: median(compiles), latency: median(latencies) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

function nodeCompile(doc: PipelineDocument, runs = 60): number {
  const meaning = { ...doc, layout: {} }; // as the editor compiles it: layout has no meaning
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    compile(meaning, REGISTRY);
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function main() {
  const big = largeDocument(10, 50);
  const small = largeDocument(1, 10);
  const preview = await startPreview(PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(URL_);
    await page.getByTestId('open-file').waitFor({ state: 'attached' });

    const emptyPan = await fps(page, (u) => pan(page, u));
    const emptyZoom = await fps(page, (u) => zoom(page, u));

    const openSmall = await openDocument(page, small);
    const smallEdit = await editTimes(page, 'c0_5', 5);

    const openBig = await openDocument(page, big);
    await page.locator('.toolbar').getByRole('button', { name: 'Fit view' }).click();
    const rendered = await page.locator('.react-flow__node').count();
    const bigPanFit = await fps(page, (u) => pan(page, u));
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-zoomin').click();
    const bigZoom = await fps(page, (u) => zoom(page, u));
    await page.locator('.toolbar').getByRole('button', { name: 'Fit view' }).click();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    // Zoom in on one corner, so the edit below has a visible block.
    for (let i = 0; i < 6; i++) await page.locator('.react-flow__controls-zoomin').click();
    const bigPan = await fps(page, (u) => pan(page, u));
    const visible = await page.locator('.react-flow__node').first().getAttribute('data-id');
    const bigEdit = await editTimes(page, visible ?? 'c0_5', 7);

    const nodeBig = nodeCompile(big);
    const nodeSmall = nodeCompile(small);
    const f = (x: number, d = 1) => x.toFixed(d);
    const md = `## Editor (headless Chromium, software rendering)

Measured by \`bench/editor-bench.ts\` on ${new Date().toISOString().slice(0, 10)}: the built app under \`vite preview\`,
Debian's Chromium headless with \`--disable-gpu\`, a 1440×900 window; ${SECONDS} s of panning (mouse drags on the
canvas) or zooming (wheel) per row. The reference is the same gesture on an empty canvas, or the same edit in a
10-block document, measured in the same run; the ratio is big / reference.

| measure | 500 blocks, 490 links | reference | ratio |
|---|---|---|---|
| pan, whole pipeline in view (${rendered} nodes drawn) | ${f(bigPanFit)} fps | ${f(emptyPan)} fps (empty canvas) | ${f(bigPanFit / emptyPan, 2)} |
| pan, zoomed in (only visible blocks drawn) | ${f(bigPan)} fps | ${f(emptyPan)} fps (empty canvas) | ${f(bigPan / emptyPan, 2)} |
| zoom with the wheel | ${f(bigZoom)} fps | ${f(emptyZoom)} fps (empty canvas) | ${f(bigZoom / emptyZoom, 2)} |
| open the document (file → first paint) | ${openBig} ms | ${openSmall} ms (10 blocks) | ${f(openBig / openSmall, 1)} |
| compile on edit, in the page (median) | ${f(bigEdit.compile, 2)} ms | ${f(smallEdit.compile, 2)} ms (10 blocks) | ${f(bigEdit.compile / smallEdit.compile, 1)} |
| edit → shapes repainted (Enter to new label, median) | ${bigEdit.latency} ms | ${smallEdit.latency} ms (10 blocks) | ${f(bigEdit.latency / smallEdit.latency, 1)} |
| compile in Node (median of 60; a shared machine, so noisy) | ${f(nodeBig, 2)} ms | ${f(nodeSmall, 2)} ms (10 blocks) | ${f(nodeBig / nodeSmall, 1)} |

Edit latency includes Playwright's own round trips (tens of milliseconds). Headless Chromium without a GPU
paints in software, so absolute frame rates are lower than in a desktop browser; compare the ratios.
`;
    console.log(md);
    writeFileSync(new URL('./editor-results.md', import.meta.url), md);
  } finally {
    await browser.close();
    stopPreview(preview);
  }
}

await main();
