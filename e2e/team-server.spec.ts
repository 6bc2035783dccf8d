import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { selectBlock } from './editor-helpers';
import { HANG_GUARD_MS } from './guards';
import { expectNoTeamServer } from './team-helpers';
import { openSampleTemplate } from './training-helpers';

/**
 * The app served by a real `jimu serve` (its own port, a fresh --data folder): sign in, pick a project,
 * save the canvas as version 1, change a parameter, save version 2, open version 1 from the history, see
 * what changed; then a viewer finds Save to server disabled. Once in English, once in Chinese. The app
 * served alone (`vite preview`) shows no team server and no errors.
 */

const port = Number(process.env.JIMU_E2E_SERVER_PORT ?? 8391);
const server = `http://127.0.0.1:${port}`;
const bin = new URL('../bin/jimu.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jimu-team-e2e-'));
const data = join(dir, 'data');
const passwords = { lead: 'lead has a long passphrase', vera: 'vera has a long passphrase' };
let child: ChildProcess | null = null;
const projects: Record<'en' | 'zh', string> = { en: '', zh: '' };

/** Signs in through the API, as a script would, to make what the app does not make (projects, members). */
async function api(name: keyof typeof passwords) {
  const r = await fetch(`${server}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: passwords[name] }) });
  expect(r.status).toBe(200);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return (method: string, url: string, body?: unknown) => fetch(`${server}${url}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
}

test.beforeAll(async () => {
  test.setTimeout(HANG_GUARD_MS);
  for (const [name, admin] of [['lead', true], ['vera', false]] as const) {
    writeFileSync(join(dir, name), `${passwords[name]}\n`);
    const r = spawnSync(process.execPath, [bin, 'users', 'add', name, ...(admin ? ['--admin'] : []), '--password-file', join(dir, name), '--data', data], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }
  child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child!.stdout!.on('data', (b: Buffer) => {
      output += b.toString();
      if (output.includes('Jimu team server on')) resolve();
    });
    child!.once('exit', (c) => reject(new Error(`jimu serve exited with ${c}: ${output}`)));
  });
  const lead = await api('lead');
  for (const lang of ['en', 'zh'] as const) {
    const made = await lead('POST', '/api/projects', { name: `Liver ${lang}` });
    expect(made.status).toBe(201);
    projects[lang] = ((await made.json()) as { id: string }).id;
    expect((await lead('PUT', `/api/projects/${projects[lang]}/members/vera`, { role: 'viewer' })).status).toBe(200);
  }
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

const picture = (name: string, outputPath: (name: string) => string) => (process.env.JIMU_SCREENSHOTS === '1' ? `docs/${name}` : outputPath(name));

const WORDS = {
  en: {
    team: /^Team server/, name: 'Name', password: 'Password', signIn: 'Sign in', signOut: 'Sign out', project: 'Project', save: 'Save to server', pipelineName: 'Pipeline name on the server', message: 'What changed (message)',
    close: 'Close', history: 'History Shapes', openV1: 'Open version 1', openV2: 'Open version 2', openAnyway: 'Open anyway', from: 'From version', to: 'to version', show: 'Show what changed',
    saved: (n: number) => `Saved “Shapes” as version ${n}.`, option: 'Liver en (owner)', viewerOption: 'Liver en (viewer)', wrong: 'That name and password do not match an account on this server. Check both and try again.',
    params: 'Changed parameters of conv1 (Conv2D):', change: 'filters: 16 → 24', opened: 'Opened version 1 of “Shapes” from the team server.', unsaved: /changes that are not saved to the team server/, disabled: /Your role in this project is viewer: only editors and owners save pipelines/,
    newer: 'Someone saved a newer version of “Shapes”: version 3, by lead', wider: 'filters: 24 → 40', saveAnyway: 'Save as a new version anyway',
    ended: 'Your session has ended (it expired, or you signed out elsewhere). Sign in again; the canvas is kept.',
  },
  zh: {
    team: /^团队服务器/, name: '用户名', password: '密码', signIn: '登录', signOut: '退出登录', project: '项目', save: '保存到服务器', pipelineName: '服务器上的流程名称', message: '改动说明',
    close: '关闭', history: '历史 Shapes', openV1: '打开第 1 版', openV2: '打开第 2 版', openAnyway: '仍然打开', from: '从版本', to: '到版本', show: '显示改动',
    saved: (n: number) => `已将“Shapes”保存为第 ${n} 版。`, option: 'Liver zh（所有者）', viewerOption: 'Liver zh（查看者）', wrong: '用户名和密码与此服务器上的账户不符。请检查后重试。',
    params: 'conv1（Conv2D）的参数改动：', change: 'filters：16 → 24', opened: '已从团队服务器打开“Shapes”第 1 版。', unsaved: /画布上有尚未保存到团队服务器的改动/, disabled: /你在此项目中的角色是查看者：只有编辑者和所有者可以保存流程/,
    newer: '有人保存了“Shapes”的更新版本：第 3 版，作者 lead', wider: 'filters：24 → 40', saveAnyway: '仍然保存为新版本',
    ended: '你的登录已失效（已过期，或在别处退出了登录）。请重新登录；画布内容会保留。',
  },
} as const;

/** Types a parameter's new value and presses Enter, as a person does. */
async function setParam(page: Page, name: string, value: string) {
  const input = page.locator(`.param[data-param="${name}"] input`);
  await input.fill(value);
  await input.press('Enter');
}
const filters = (page: Page) => page.locator('.param[data-param="filters"] input');

async function signIn(page: Page, w: (typeof WORDS)['en' | 'zh'], name: keyof typeof passwords, password = passwords[name]) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(w.name, { exact: true }).fill(name);
  await dialog.getByLabel(w.password, { exact: true }).fill(password);
  await dialog.getByRole('button', { name: w.signIn, exact: true }).click();
}

for (const lang of ['en', 'zh'] as const) {
  test(`saves versions to the team server, opens one from the history, shows what changed, and a viewer cannot save (${lang})`, async ({ page }, info) => {
    test.setTimeout(HANG_GUARD_MS);
    const w = WORDS[lang];
    await page.setViewportSize({ width: 1280, height: 860 });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server}/`);
    await openSampleTemplate(page);
    if (lang === 'zh') await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    const dialog = page.getByRole('dialog');

    await page.getByRole('button', { name: w.team }).click();
    await signIn(page, w, 'lead');
    await expect(dialog.getByRole('combobox', { name: w.project })).toBeVisible({ timeout: HANG_GUARD_MS });
    await dialog.getByRole('combobox', { name: w.project }).selectOption({ label: w.option });
    await dialog.getByLabel(w.pipelineName).fill('Shapes');
    await dialog.getByLabel(w.message).fill('first');
    await dialog.getByRole('button', { name: w.save, exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(w.saved(1), { timeout: HANG_GUARD_MS });
    await dialog.getByRole('button', { name: w.close, exact: true }).click();

    // A parameter changed, then saved again: the dialog proposes the name it was saved under.
    await selectBlock(page, 'conv1');
    await expect(filters(page)).toHaveValue('16');
    await setParam(page, 'filters', '24');
    await page.getByRole('button', { name: w.team }).click();
    await expect(dialog.getByLabel(w.pipelineName)).toHaveValue('Shapes', { timeout: HANG_GUARD_MS });
    await dialog.getByLabel(w.message).fill('more filters');
    await dialog.getByRole('button', { name: w.save, exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(w.saved(2), { timeout: HANG_GUARD_MS });

    // Version 1 from the history: the canvas holds what was saved, so it opens without asking.
    await expect(dialog.getByRole('row', { name: /Shapes/ })).toContainText('lead');
    await dialog.getByRole('button', { name: w.history }).click();
    await dialog.getByRole('button', { name: w.openV1 }).click();
    await expect(dialog).toBeHidden({ timeout: HANG_GUARD_MS });
    await expect(page.getByText(w.opened)).toBeVisible();
    await selectBlock(page, 'conv1');
    await expect(filters(page)).toHaveValue('16');

    // A change not on the server: opening another version asks first; Undo would bring it back.
    await setParam(page, 'filters', '20');
    await page.getByRole('button', { name: w.team }).click();
    await dialog.getByRole('button', { name: w.history }).click({ timeout: HANG_GUARD_MS });
    await dialog.getByRole('button', { name: w.openV2 }).click();
    await expect(dialog.getByText(w.unsaved)).toBeVisible();
    await dialog.getByRole('button', { name: w.openAnyway }).click();
    await expect(dialog).toBeHidden({ timeout: HANG_GUARD_MS });
    await selectBlock(page, 'conv1');
    await expect(filters(page)).toHaveValue('24');

    // What changed from version 1 to version 2.
    await page.getByRole('button', { name: w.team }).click();
    await dialog.getByRole('button', { name: w.history }).click({ timeout: HANG_GUARD_MS });
    await dialog.getByRole('combobox', { name: w.from }).selectOption('1');
    await dialog.getByRole('combobox', { name: w.to }).selectOption('2');
    await dialog.getByRole('button', { name: w.show }).click();
    const diff = dialog.locator('.team-diff');
    await expect(diff).toContainText(w.params, { timeout: HANG_GUARD_MS });
    // One changed block, with its one changed parameter.
    await expect(diff.locator('li li')).toHaveText([w.change]);
    await expect(diff.locator('li')).toHaveCount(2);
    await diff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: picture(`team-server-${lang}.png`, (n) => info.outputPath(n)) });

    // Someone else saves version 3 while the canvas holds version 2: Save to server says so, shows what they
    // changed, and saves only when asked again.
    const lead = await api('lead');
    const v2 = (await (await lead('GET', `/api/projects/${projects[lang]}/pipelines/Shapes/versions/2`)).json()) as { document: { blocks: { id: string; params: Record<string, unknown> }[] } };
    v2.document.blocks.find((b) => b.id === 'conv1')!.params.filters = 40;
    expect((await lead('POST', `/api/projects/${projects[lang]}/pipelines/Shapes/versions`, { message: 'wider', document: v2.document })).status).toBe(201);
    await dialog.getByLabel(w.message).fill('mine');
    await dialog.getByRole('button', { name: w.save, exact: true }).click();
    const conflict = dialog.locator('.team-conflict');
    await expect(conflict).toContainText(w.newer, { timeout: HANG_GUARD_MS });
    await expect(conflict.locator('li li')).toHaveText([w.wider]);
    await conflict.getByRole('button', { name: w.saveAnyway }).click();
    await expect(dialog.getByRole('status')).toHaveText(w.saved(4), { timeout: HANG_GUARD_MS });

    // The viewer: a wrong password in plain words, then Save to server disabled with the reason.
    await dialog.getByRole('button', { name: w.signOut }).click();
    await signIn(page, w, 'vera', 'not the password at all');
    await expect(dialog.getByRole('alert')).toHaveText(w.wrong, { timeout: HANG_GUARD_MS });
    await signIn(page, w, 'vera');
    await dialog.getByRole('combobox', { name: w.project }).selectOption({ label: w.viewerOption }, { timeout: HANG_GUARD_MS });
    await expect(dialog.getByRole('button', { name: w.save, exact: true })).toBeDisabled();
    await expect(dialog.getByText(w.disabled)).toBeVisible();
    // Reading is allowed: the viewer sees both versions.
    await dialog.getByRole('button', { name: w.history }).click();
    await expect(dialog.getByRole('button', { name: w.openV1 })).toBeVisible();

    // Every session of the viewer ends elsewhere: the next request says so in plain words and asks to sign in.
    expect((await (await api('vera'))('POST', '/api/sessions/revoke')).status).toBe(200);
    await dialog.getByRole('button', { name: w.history }).click();
    await expect(dialog.getByRole('alert')).toHaveText(w.ended, { timeout: HANG_GUARD_MS });
    await expect(dialog.getByRole('button', { name: w.signIn, exact: true })).toBeVisible();
    expect(problems).toEqual([]);
  });
}

test('the app served alone (vite preview) asks once for a team server, shows none, and logs no error', async ({ page }) => {
  await expectNoTeamServer(page);
});
