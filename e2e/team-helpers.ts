import { expect, type Page } from '@playwright/test';
import { HANG_GUARD_MS } from './guards';

/**
 * The app served without a team server (`vite preview`, the dev server): it asks `/api/health` once,
 * gets the app's own page back, shows no "Team server" and logs no error — and asks nothing else of `/api`.
 */
export async function expectNoTeamServer(page: Page): Promise<void> {
  const errors: string[] = [];
  const asked: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => new URL(r.url()).pathname.startsWith('/api/') && asked.push(new URL(r.url()).pathname));
  const probe = page.waitForResponse((r) => r.url().endsWith('/api/health'), { timeout: HANG_GUARD_MS });
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Blocks' })).toBeVisible({ timeout: HANG_GUARD_MS });
  await probe;
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Team server/ })).toHaveCount(0);
  expect(asked).toEqual(['/api/health']);
  expect(errors).toEqual([]);
}
