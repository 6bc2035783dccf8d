import { test } from '@playwright/test';
import { expectNoTeamServer } from './team-helpers';

/** `npm start`: the development server is no team server; the app asks once and shows none, with no error. */
test('the development server shows no team server and logs no error', async ({ page }) => {
  await expectNoTeamServer(page);
});
