import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { diffPipelines, serializeDocument, type PipelineDiff } from '../../core';
import { DEFAULT_NAME, editorStore } from '../../store';
import { openText } from '../files';
import { formatDateTime } from '../format';
import { useLang } from '../useLang';
import { DiffList } from './DiffList';
import { canSave, effectiveRole, saveVersion, TeamError, type PipelineVersion, type SaveOutcome, type ServerProject } from './team-client';
import { hasUnsavedWork, rememberOrigin, team, useTeam } from './team-store';

type Problem = { key: `team_err_${TeamError['problem']}`; detail: string };
type Status = { key: 'team_saved' | 'team_unchanged'; name: string; number: number };

/** Runs a request; a refused or failed one becomes a message in plain words, and an ended session signs out. */
function useRequest() {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T,>(f: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(null);
    try {
      return await f();
    } catch (e) {
      const err = e instanceof TeamError ? e : new TeamError('failed', 0, (e as Error).message);
      if (err.problem === 'session-ended' || err.problem === 'csrf') useTeam.setState({ me: null });
      setProblem({ key: `team_err_${err.problem}`, detail: err.detail });
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { problem, busy, run };
}

/** The team server: sign in, pick a project, open any version of its pipelines, save the canvas as a new one. */
export default function TeamDialog() {
  const { t } = useTranslation();
  const me = useTeam((s) => s.me);
  const { problem, busy, run } = useRequest();
  const [checked, setChecked] = useState(false);
  const close = () => useTeam.getState().setOpen(false);

  // A session the browser still holds (a reload) is picked up without signing in again.
  useEffect(() => {
    if (me) return setChecked(true);
    void team
      .resume()
      .then((who) => who && useTeam.setState({ me: who }))
      .catch(() => undefined)
      .finally(() => setChecked(true));
    // Only when the dialog opens.
  }, []);

  return (
    <div className="dialog-backdrop" onClick={close}>
      <div className="dialog team-dialog" role="dialog" aria-modal="true" aria-label={t('team')} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && close()}>
        <h2>{t('team')}</h2>
        {problem ? (
          <p className="team-problem" role="alert">
            {t(problem.key, { detail: problem.detail })}
          </p>
        ) : null}
        {!checked ? <p className="hint">{t('team_busy')}</p> : me ? <SignedIn run={run} busy={busy} /> : <SignIn run={run} busy={busy} />}
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            {t('close')}
          </button>
        </div>
      </div>
    </div>
  );
}

type Run = ReturnType<typeof useRequest>['run'];

function SignIn({ run, busy }: { run: Run; busy: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const who = await team.signIn(name.trim(), password);
      setPassword('');
      useTeam.setState({ me: who });
    });
  };
  return (
    <form className="team-sign-in" onSubmit={submit}>
      <p>{t('team_sign_in_intro')}</p>
      <label>
        {t('team_user')} <input name="username" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} />
      </label>
      <label>
        {t('team_password')} <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required maxLength={1024} />
      </label>
      <button type="submit" disabled={busy || !name.trim() || !password}>
        {t('team_sign_in')}
      </button>
    </form>
  );
}

function SignedIn({ run, busy }: { run: Run; busy: boolean }) {
  const { t } = useTranslation();
  const me = useTeam((s) => s.me)!;
  const projectId = useTeam((s) => s.projectId);
  const [projects, setProjects] = useState<ServerProject[] | null>(null);
  useEffect(() => {
    void run(() => team.projects()).then((list) => {
      if (!list) return;
      setProjects(list);
      const keep = list.find((p) => p.id === useTeam.getState().projectId) ?? list[0];
      useTeam.setState({ projectId: keep?.id ?? null });
    });
  }, [run, me.id]);
  const project = projects?.find((p) => p.id === projectId) ?? null;
  const roleText = (p: ServerProject) => (me.admin && !p.role ? t('team_role_admin') : t(`team_role_${effectiveRole(p)}`));
  return (
    <>
      <p className="team-who">
        {t('team_signed_in_as', { name: me.name })}{' '}
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await team.signOut().catch(() => undefined);
              useTeam.setState({ me: null });
            })
          }
        >
          {t('team_sign_out')}
        </button>
      </p>
      {projects && !projects.length ? <p>{t('team_no_projects')}</p> : null}
      {projects?.length ? (
        <label className="team-project">
          {t('team_project')}{' '}
          <select value={projectId ?? ''} onChange={(e) => useTeam.setState({ projectId: e.target.value })}>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {t('team_project_option', { name: p.name, role: roleText(p) })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {project ? <ProjectView key={project.id} project={project} roleText={roleText(project)} run={run} busy={busy} /> : null}
    </>
  );
}

function ProjectView({ project, roleText, run, busy }: { project: ServerProject; roleText: string; run: Run; busy: boolean }) {
  const [pipelines, setPipelines] = useState<PipelineVersion[] | null>(null);
  const refresh = useCallback(() => void run(() => team.pipelines(project.id)).then((list) => list && setPipelines(list)), [run, project.id]);
  useEffect(refresh, [refresh]);
  return (
    <>
      <SaveSection project={project} roleText={roleText} run={run} busy={busy} onSaved={refresh} />
      <OpenSection project={project} pipelines={pipelines} run={run} busy={busy} />
    </>
  );
}

function SaveSection({ project, roleText, run, busy, onSaved }: { project: ServerProject; roleText: string; run: Run; busy: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useTeam((s) => s.me)!;
  const origin = useTeam((s) => s.origin);
  const docName = editorStore.getState().doc.name;
  // A document opened from (or saved to) this project's pipeline is saved under the same name.
  const [name, setName] = useState(origin?.projectId === project.id ? origin.name : docName === DEFAULT_NAME ? t('untitled') : docName);
  const [message, setMessage] = useState('');
  const [status, setStatus] = useState<Status | null>(null);
  const [conflict, setConflict] = useState<Extract<SaveOutcome, { kind: 'newer' }> | null>(null);
  const allowed = canSave(project, me);
  const save = (force: boolean) =>
    void run(async () => {
      setStatus(null);
      const doc = editorStore.getState().doc;
      const o = useTeam.getState().origin;
      const basedOn = o && o.projectId === project.id && o.name === name.trim() ? o.number : null;
      const outcome = await saveVersion(team, project.id, name.trim(), message.trim(), doc, basedOn, force);
      if (outcome.kind === 'newer') return setConflict(outcome);
      setConflict(null);
      rememberOrigin(project.id, outcome.version.name, outcome.version.number, doc);
      setStatus({ key: outcome.version.created ? 'team_saved' : 'team_unchanged', name: outcome.version.name, number: outcome.version.number });
      if (outcome.version.created) setMessage('');
      onSaved();
    });
  return (
    <section className="team-save" aria-label={t('team_save_heading')}>
      <h3>{t('team_save_heading')}</h3>
      <label>
        {t('team_save_name')} <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} disabled={!allowed} />
      </label>
      <label>
        {t('team_save_message')} <input value={message} onChange={(e) => setMessage(e.target.value)} maxLength={2000} disabled={!allowed} />
      </label>
      <button type="button" className="primary" disabled={!allowed || busy || !name.trim() || conflict !== null} onClick={() => save(false)}>
        {t('team_save')}
      </button>
      {!allowed ? <p className="team-why">{t('team_save_disabled', { role: roleText })}</p> : null}
      {status ? <p role="status">{t(status.key, { name: status.name, number: status.number })}</p> : null}
      {conflict ? (
        <div className="team-conflict" role="alert">
          <p>
            {conflict.basedOn === null
              ? t('team_exists', { name: conflict.latest.name, number: conflict.latest.number, author: conflict.latest.author, date: formatDateTime(conflict.latest.createdAt, lang) })
              : t('team_newer', { name: conflict.latest.name, number: conflict.latest.number, author: conflict.latest.author, date: formatDateTime(conflict.latest.createdAt, lang), base: conflict.basedOn })}
          </p>
          <DiffList diff={conflict.diff} />
          <button type="button" disabled={busy} onClick={() => save(true)}>
            {t('team_save_anyway')}
          </button>{' '}
          <button type="button" onClick={() => setConflict(null)}>
            {t('team_cancel')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function OpenSection({ project, pipelines, run, busy }: { project: ServerProject; pipelines: PipelineVersion[] | null; run: Run; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [history, setHistory] = useState<{ name: string; versions: PipelineVersion[] } | null>(null);
  const [confirm, setConfirm] = useState<{ name: string; number: number } | null>(null);
  const open = (name: string, number: number) =>
    void run(async () => {
      const v = await team.version(project.id, name, number);
      // The file Open's path: read, replace as one undo step, fit, say what was opened.
      if (!openText(serializeDocument(v.document), `${name} v${number}`)) return;
      rememberOrigin(project.id, name, number, editorStore.getState().doc);
      editorStore.getState().notify({ kind: 'info', key: 'team_opened_from', args: { name, number } });
      setConfirm(null);
      useTeam.getState().setOpen(false);
    });
  const ask = (name: string, number: number) => (hasUnsavedWork(editorStore.getState().doc, useTeam.getState().origin) ? setConfirm({ name, number }) : open(name, number));
  const showHistory = (name: string) => void run(() => team.versions(project.id, name)).then((versions) => versions && setHistory({ name, versions }));
  return (
    <section className="team-open" aria-label={t('team_open_heading')}>
      <h3>{t('team_open_heading')}</h3>
      {confirm ? (
        <div className="team-confirm" role="alert">
          <p>{t('team_unsaved_confirm', confirm)}</p>
          <button type="button" disabled={busy} onClick={() => open(confirm.name, confirm.number)}>
            {t('team_open_anyway')}
          </button>{' '}
          <button type="button" onClick={() => setConfirm(null)}>
            {t('team_cancel')}
          </button>
        </div>
      ) : null}
      {pipelines && !pipelines.length ? <p>{t('team_no_pipelines')}</p> : null}
      {pipelines?.length ? (
        <table className="team-table">
          <thead>
            <tr>
              <th>{t('team_col_pipeline')}</th>
              <th>{t('team_col_version')}</th>
              <th>{t('team_col_author')}</th>
              <th>{t('team_col_date')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {pipelines.map((p) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td>{t('team_version', { number: p.number })}</td>
                <td>{p.author}</td>
                <td>{formatDateTime(p.createdAt, lang)}</td>
                <td className="team-row-actions">
                  <button type="button" disabled={busy} aria-label={`${t('team_open_latest')} ${p.name}`} onClick={() => ask(p.name, p.number)}>
                    {t('team_open_latest')}
                  </button>{' '}
                  <button type="button" disabled={busy} aria-label={`${t('team_history')} ${p.name}`} onClick={() => showHistory(p.name)}>
                    {t('team_history')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {history ? <History key={history.name} project={project} name={history.name} versions={history.versions} run={run} busy={busy} onOpen={ask} /> : null}
    </section>
  );
}

function History({ project, name, versions, run, busy, onOpen }: { project: ServerProject; name: string; versions: PipelineVersion[]; run: Run; busy: boolean; onOpen: (name: string, number: number) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const newest = versions[0]?.number ?? 1;
  const [from, setFrom] = useState(versions[1]?.number ?? newest);
  const [to, setTo] = useState(newest);
  const [diff, setDiff] = useState<{ from: number; to: number; diff: PipelineDiff } | null>(null);
  const compare = () =>
    void run(async () => {
      const [a, b] = await Promise.all([team.version(project.id, name, from), team.version(project.id, name, to)]);
      setDiff({ from, to, diff: diffPipelines(a.document, b.document) });
    });
  const numbers = versions.map((v) => v.number);
  return (
    <section className="team-history" aria-label={t('team_history_of', { name })}>
      <h4>{t('team_history_of', { name })}</h4>
      <table className="team-table">
        <thead>
          <tr>
            <th>{t('team_col_number')}</th>
            <th>{t('team_col_message')}</th>
            <th>{t('team_col_author')}</th>
            <th>{t('team_col_date')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.number}>
              <td>{t('team_version', { number: v.number })}</td>
              <td>{v.message}</td>
              <td>{v.author}</td>
              <td>{formatDateTime(v.createdAt, lang)}</td>
              <td>
                <button type="button" disabled={busy} onClick={() => onOpen(name, v.number)}>
                  {t('team_open_version', { number: v.number })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.length > 1 ? (
        <div className="team-compare">
          <label>
            {t('team_compare_from')}{' '}
            <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {numbers.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('team_compare_to')}{' '}
            <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {numbers.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" disabled={busy || from === to} onClick={compare}>
            {t('team_compare_show')}
          </button>
        </div>
      ) : null}
      {diff ? <DiffList diff={diff.diff} heading={t('team_diff_heading', { from: diff.from, to: diff.to })} /> : null}
    </section>
  );
}
