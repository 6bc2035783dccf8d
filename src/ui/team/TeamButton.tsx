import { lazy, Suspense, useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { probeTeamServer, useTeam } from './team-store';

/** The sign-in, projects and versions load when first opened. */
const TeamDialog = lazy(() => import('./TeamDialog'));

/**
 * "Team server" in the toolbar, only when a Jimu team server serves the app (`jimu serve`). Served alone
 * (`npm start`, `vite preview`), the app asks once and shows nothing more.
 */
export function TeamButton() {
  const { t } = useTranslation();
  const available = useTeam((s) => s.available);
  const me = useTeam((s) => s.me);
  const open = useTeam((s) => s.open);
  const origin = useTeam((s) => s.origin);
  useEffect(() => void probeTeamServer(), []);
  if (!available) return null;
  return (
    <>
      <button type="button" className="team-button" aria-haspopup="dialog" title={origin ? t('team_from_server', { name: origin.name, number: origin.number }) : t('team_title')} onClick={() => useTeam.getState().setOpen(true)}>
        {t('team')}
        {me ? <span className="team-user"> · {me.name}</span> : null}
      </button>
      {/* Outside the toolbar, so the dialog takes none of its colours. */}
      {open
        ? createPortal(
            <Suspense fallback={null}>
              <TeamDialog />
            </Suspense>,
            document.body,
          )
        : null}
    </>
  );
}
