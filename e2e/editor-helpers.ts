import { HANG_GUARD_MS } from './guards';
import { expect, type Page } from '@playwright/test';

/** Adds a block from the palette by clicking it (the keyboard and drag paths share this code). */
export async function addBlock(page: Page, type: string): Promise<void> {
  const before = await page.locator('.react-flow__node').count();
  await page.locator(`.palette-item[data-type="${type}"]`).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
}

/** What the canvas shows where: the view's transform and every block's position and size. */
const canvasLayout = () =>
  new Promise<string>((resolve) =>
    requestAnimationFrame(() =>
      resolve(
        [document.querySelector('.react-flow__viewport'), ...document.querySelectorAll('.react-flow__node')]
          .map((e) => {
            const r = e?.getBoundingClientRect();
            return r ? `${e!.getAttribute('style')}@${r.x.toFixed(1)},${r.y.toFixed(1)},${r.width.toFixed(1)},${r.height.toFixed(1)}` : '';
          })
          .join('|'),
      ),
    ),
  );

/**
 * Waits until the canvas stops moving (after a layout, a fit-view or opening a document): two looks a
 * moment apart show the same view and the same blocks in the same places. No clock: a busy machine
 * only makes it take longer.
 */
export async function canvasAtRest(page: Page): Promise<void> {
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await page.evaluate(canvasLayout);
        const same = now === last;
        last = now;
        return same;
      },
      { timeout: HANG_GUARD_MS, intervals: [150] },
    )
    .toBe(true);
}

/** Presses Tidy up (in the interface's language) and waits until the blocks are laid out and the view is still. */
export async function tidyUp(page: Page, name = 'Tidy up'): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  await button.click();
  await expect(button).not.toHaveAttribute('aria-busy', 'true', { timeout: HANG_GUARD_MS });
  await canvasAtRest(page);
}

/** Presses Fit view and waits until the view is still. */
export async function fitView(page: Page, name = 'Fit view'): Promise<void> {
  await page.locator('.toolbar').getByRole('button', { name, exact: true }).click();
  await canvasAtRest(page);
}

/** The canvas node of a block. */
export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Drags from an output port to an input port, as a user draws a link. */
export async function connect(page: Page, from: string, fromPort: string, to: string, toPort: string): Promise<void> {
  await expect(node(page, from).getByTestId(`port-out-${fromPort}`)).toBeVisible();
  await expect(node(page, to).getByTestId(`port-in-${toPort}`)).toBeVisible();
  await canvasAtRest(page); // a fit-view or layout still moving would move the ports under the mouse
  const a = await node(page, from).getByTestId(`port-out-${fromPort}`).boundingBox();
  const b = await node(page, to).getByTestId(`port-in-${toPort}`).boundingBox();
  if (!a || !b) throw new Error(`port not visible: ${from}.${fromPort} or ${to}.${toPort}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** The label on the link between two ports (the shape it carries). */
export const linkLabel = (page: Page, from: string, fromPort: string, to: string, toPort: string) =>
  page.locator(`.react-flow__edge[data-id="${from}.${fromPort}->${to}.${toPort}"] .react-flow__edge-text`);

/** Builds a small image classifier by hand: input → flatten → dense → loss, plus an optimizer. */
export async function buildClassifier(page: Page): Promise<void> {
  for (const type of ['ImageInput', 'Flatten', 'Dense', 'CategoricalCrossentropy']) await addBlock(page, type);
  await tidyUp(page);
  const links: [string, string, string, string][] = [
    ['imageinput1', 'out', 'flatten1', 'in'],
    ['flatten1', 'out', 'dense1', 'in'],
    ['dense1', 'out', 'categoricalcrossentropy1', 'pred'],
  ];
  for (const [i, l] of links.entries()) {
    await connect(page, ...l);
    await expect(page.locator('.react-flow__edge')).toHaveCount(i + 1);
  }
}

/**
 * Brings a block into sight as a user would when it lies outside the view (pipelines open at a readable
 * zoom, so a large one does not fit): the canvas's "fit view" control.
 */
export async function showBlock(page: Page, id: string): Promise<void> {
  const head = node(page, id).locator('.block-head');
  await expect(head).toBeVisible();
  const inside = async () => {
    const [h, pane] = await Promise.all([head.boundingBox(), page.locator('.react-flow__pane').boundingBox()]);
    return !!h && !!pane && h.x >= pane.x && h.y >= pane.y && h.x + h.width <= pane.x + pane.width && h.y + h.height <= pane.y + pane.height;
  };
  if (await inside()) return;
  await page.locator('.react-flow__controls-fitview').click();
  await expect.poll(inside).toBe(true);
}

/** Selects a block by clicking its title. */
export async function selectBlock(page: Page, id: string): Promise<void> {
  await showBlock(page, id);
  await node(page, id).locator('.block-head').click();
  await expect(page.locator(`.inspector-block[data-block="${id}"]`)).toBeVisible();
}
