import { expect, type Page } from '@playwright/test';

/** Adds a block from the palette by clicking it (the keyboard and drag paths share this code). */
export async function addBlock(page: Page, type: string): Promise<void> {
  const before = await page.locator('.react-flow__node').count();
  await page.locator(`.palette-item[data-type="${type}"]`).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
}

/** The canvas node of a block. */
export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Drags from an output port to an input port, as a user draws a link. */
export async function connect(page: Page, from: string, fromPort: string, to: string, toPort: string): Promise<void> {
  await expect(node(page, from).getByTestId(`port-out-${fromPort}`)).toBeVisible();
  await expect(node(page, to).getByTestId(`port-in-${toPort}`)).toBeVisible();
  await page.waitForTimeout(100); // let a fit-view or layout settle before grabbing the port
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
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await page.waitForTimeout(400);
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

/** Selects a block by clicking its title. */
export async function selectBlock(page: Page, id: string): Promise<void> {
  await node(page, id).locator('.block-head').click();
  await expect(page.locator(`.inspector-block[data-block="${id}"]`)).toBeVisible();
}
