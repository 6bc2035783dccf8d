import { holdImportLock } from '../../storage/import-lock';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportCancelled, prepareImport, type HeaderComparison, type ImportSource } from '../../data/dataset-import';
import { summarizeDataset, type DatasetSummary } from '../../data/dataset-summary';
import { addToDataset, DatasetSaveError, DatasetsDatabase, datasetFiles, deleteDataset, listDatasets, type StoredDataset } from '../../storage/datasets-db';
import { formatBytes } from '../../storage/storage-quota';
import type { LabelManifest } from '../../data/label-manifest';
import { AuditLogView } from './AuditLogView';
import { DatasetGuide } from './DatasetGuide';
import { LabelsFromTable, type LabelTableFile } from './LabelsFromTable';
import { useDatasetsOpen } from './datasets-open';
import { sourcesFromDrop, sourcesFromFiles } from './drop-files';
import { SliceViewer } from './SliceViewer';
import { ImportProgressView, sizeLocale } from './ImportProgressView';
import { streamImport, type ImportOutcome, type ImportProgress, type StorageAccess } from './stream-import';
import { UnfinishedImport } from './UnfinishedImport';

const db = new DatasetsDatabase();
type TFn = ReturnType<typeof useTranslation>['t'];
/** File formats as their standards write them (the readers' ids are lower case). */
const FORMAT_NAMES: Record<string, string> = { nifti1: 'NIfTI-1', nifti2: 'NIfTI-2', dicom: 'DICOM' };
/** The browser's storage manager where it has one (a page served over plain http from another host has none). */
const storageAccess = (): StorageAccess => {
  const m = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  return m ? { estimate: () => m.estimate(), persist: () => m.persist(), persisted: () => m.persisted() } : {};
};
type Unfinished = StoredDataset & { import: NonNullable<StoredDataset['import']> };
const fmt = (v: number) => (Math.abs(v) >= 1000 || Number.isInteger(v) ? v.toFixed(0) : v.toPrecision(4));

function Histogram({ counts }: { counts: number[] }) {
  const { t } = useTranslation();
  const top = Math.max(...counts, 1);
  // Log heights: background voxels would otherwise flatten every other bar.
  const h = (c: number) => (c === 0 ? 0 : 2 + (28 * Math.log1p(c)) / Math.log1p(top));
  return (
    <svg className="histogram" width={counts.length * 3} height={30} role="img" aria-label={t('ds_col_hist')}>
      {counts.map((c, i) => (
        <rect key={i} x={i * 3} y={30 - h(c)} width={2} height={h(c)} />
      ))}
    </svg>
  );
}

function HeaderView({ headers }: { headers: HeaderComparison[] }) {
  const { t } = useTranslation();
  const [at, setAt] = useState(0);
  const h = headers[Math.min(at, headers.length - 1)];
  if (!h) return null;
  const after = new Map(h.after.map((r) => [r.path, r.value]));
  const paths = [...new Set([...h.before.map((r) => r.path), ...h.after.map((r) => r.path)])];
  const before = new Map(h.before.map((r) => [r.path, r.value]));
  return (
    <section className="ds-section" aria-label={t('ds_header')}>
      <h3>{t('ds_header')}</h3>
      <p className="hint">{t('ds_header_note')}</p>
      <select value={at} onChange={(e) => setAt(Number(e.target.value))} aria-label={t('ds_header_file')}>
        {headers.map((x, i) => (
          <option key={`${i}:${x.path}`} value={i}>
            {x.path}
          </option>
        ))}
      </select>
      <div className="ds-table-wrap">
        <table className="ds-table ds-header-table">
          <thead>
            <tr>
              <th>{t('ds_tag')}</th>
              <th>{t('ds_before')}</th>
              <th>{t('ds_after')}</th>
            </tr>
          </thead>
          <tbody>
            {paths.map((p) => {
              const b = before.get(p);
              const a = after.get(p);
              return (
                <tr key={p} className={b !== a ? 'changed' : undefined}>
                  <td>{p}</td>
                  <td>{b ?? '—'}</td>
                  <td>{a ?? t('ds_removed')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A DICOM series is named by its first file and how many more it holds, in the reader's language. */
function sourceName(v: { source: string; files: readonly string[] }, t: TFn): string {
  return v.files.length > 1 ? t('ds_series', { first: v.files[0] ?? v.source, count: v.files.length - 1 }) : v.source;
}

function Summary({ summary, tables, onLabels }: { summary: DatasetSummary; tables: readonly LabelTableFile[]; onLabels: (m: LabelManifest) => Promise<void> }) {
  const { t } = useTranslation();
  // Start on the largest volume: the one most worth looking at.
  const [view, setView] = useState(() => summary.volumes.reduce((best, v, i, all) => (v.volume.data.length > all[best]!.volume.data.length ? i : best), 0));
  const [maskAt, setMaskAt] = useState(-1);
  const vol = summary.volumes[Math.min(view, summary.volumes.length - 1)];
  const sameGrid = summary.volumes.map((v, i) => ({ v, i })).filter(({ v, i }) => vol && i !== view && v.shape.slice(0, 3).join() === vol.shape.slice(0, 3).join());
  const mask = sameGrid.find(({ i }) => i === maskAt)?.v.volume ?? null;
  return (
    <>
      <section className="ds-section" aria-label={t('ds_labels')}>
        <h3>{t('ds_labels')}</h3>
        {summary.labels ? (
          <>
            <ul className="ds-counts">
              {Object.entries(summary.labels.counts).map(([label, n]) => (
                <li key={label}>
                  <b>{t('label_colon', { label })}</b> {n}
                </li>
              ))}
            </ul>
            <p>{summary.labels.missing.length ? t('ds_missing', { items: summary.labels.missing.join(', ') }) : t('ds_missing_none')}</p>
          </>
        ) : (
          <>
            <p className="hint">{t('ds_labels_none')}</p>
            <LabelsFromTable scans={summary.volumes} tables={tables} onApply={onLabels} />
          </>
        )}
        <DatasetGuide />
      </section>
      <section className="ds-section" aria-label={t('ds_volumes', { count: summary.volumes.length })}>
        <h3>{t('ds_volumes', { count: summary.volumes.length })}</h3>
        <div className="ds-table-wrap">
          <table className="ds-table ds-volumes">
            <thead>
              <tr>
                <th>{t('ds_col_source')}</th>
                <th>{t('ds_col_format')}</th>
                <th>{t('ds_col_size')}</th>
                <th>{t('ds_col_spacing')}</th>
                <th>{t('ds_col_range')}</th>
                <th>{t('ds_col_mean')}</th>
                <th>{t('ds_col_hist')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.volumes.map((v, i) => (
                <tr key={`${i}:${v.source}`} aria-selected={i === view} onClick={() => setView(i)}>
                  <td>{sourceName(v, t)}</td>
                  <td>{FORMAT_NAMES[v.format] ?? v.format}</td>
                  <td>{v.shape.join(' × ')}</td>
                  <td>{v.spacing.map(fmt).join(' × ')}</td>
                  <td>
                    {fmt(v.min)} … {fmt(v.max)} {v.units}
                  </td>
                  <td>{fmt(v.mean)}</td>
                  <td>
                    <Histogram counts={v.histogram.counts} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {summary.unreadable.length > 0 && <p className="ds-error">{t('ds_unreadable', { files: summary.unreadable.map((u) => `${u.source} (${u.message})`).join('; ') })}</p>}
      </section>
      {vol && (
        <section className="ds-section" aria-label={t('ds_viewer')}>
          <h3>{t('ds_viewer')}</h3>
          <div className="ds-viewer-controls">
            <select value={view} onChange={(e) => setView(Number(e.target.value))} aria-label={t('ds_viewer')}>
              {summary.volumes.map((v, i) => (
                <option key={`${i}:${v.source}`} value={i}>
                  {sourceName(v, t)}
                </option>
              ))}
            </select>
            <label>
              {t('ds_mask')}
              <select value={maskAt} onChange={(e) => setMaskAt(Number(e.target.value))}>
                <option value={-1}>{t('ds_mask_none')}</option>
                {sameGrid.map(({ v, i }) => (
                  <option key={`${i}:${v.source}`} value={i}>
                    {sourceName(v, t)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <SliceViewer key={vol.source} volume={vol.volume} mask={mask} min={vol.min} max={vol.max} />
        </section>
      )}
    </>
  );
}

/** Files an import left out for burned-in annotation, held (in memory only) until the user decides. */
interface HeldBurnedIn {
  dataset: number;
  /** The import's salt, so these files' UIDs match the rest of the study. */
  salt: string;
  sources: ImportSource[];
}

function BurnedInChoice({ held, busy, onAccept, onDismiss }: { held: HeldBurnedIn; busy: boolean; onAccept: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  const title = t('ds_burned_title', { count: held.sources.length });
  return (
    <section className="ds-section ds-burned" aria-label={title}>
      <h3>{title}</h3>
      <p className="ds-warning" role="note">
        {t('ds_burned_warning')}
      </p>
      <ul>
        {held.sources.map((s) => (
          <li key={s.path}>{s.path}</li>
        ))}
      </ul>
      <button type="button" onClick={onAccept} disabled={busy}>
        {t('ds_burned_accept')}
      </button>
      <button type="button" onClick={onDismiss} disabled={busy}>
        {t('ds_burned_dismiss')}
      </button>
    </section>
  );
}

/** The datasets page: import (drag and drop or pick), stored datasets, their statistics and a viewer. */
export default function DatasetsPage() {
  const { t, i18n } = useTranslation();
  const close = () => useDatasetsOpen.getState().setOpen(false);
  const [list, setList] = useState<StoredDataset[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  // The summary with the dataset it describes: a summary still computing for another dataset is never shown.
  const [summarized, setSummarized] = useState<{ id: number; summary: DatasetSummary; tables: LabelTableFile[] } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  // A folder import stored case by case, and the dataset it is writing (not offered for resuming while it runs).
  const [streaming, setStreaming] = useState<ImportProgress | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const busy = progress !== null || streaming !== null;
  // Messages are worded when shown, so they follow a change of language.
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: (t: TFn) => string } | null>(null);
  const [headers, setHeaders] = useState<HeaderComparison[]>([]);
  const [dragging, setDragging] = useState(false);
  const [held, setHeld] = useState<HeldBurnedIn | null>(null);
  // Bumped when the selected dataset gains files, so its summary is computed again.
  const [revision, setRevision] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const refresh = useCallback(async () => setList(await listDatasets(db)), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (selected === null) return setSummarized(null);
    let live = true;
    void datasetFiles(db, selected).then(async (files) => {
      const summary = await summarizeDataset(files);
      // Tables that came with the folder (not its manifest) are offered as label tables.
      const tables = files.filter((f) => /\.(csv|tsv)$/i.test(f.name) && !/(^|\/)manifest\.csv$/i.test(f.name)).map((f) => ({ name: f.name, text: new TextDecoder().decode(f.bytes) }));
      if (live) setSummarized({ id: selected, summary, tables });
    });
    return () => {
      live = false;
    };
  }, [selected, revision]);

  /** Words an import's outcome; a stopped import stays listed as unfinished, so nothing half-imported goes unsaid. */
  const report = (r: ImportOutcome) => {
    // Sizes are written when the message is shown, in the language shown then.
    const size = (n: number) => formatBytes(n, sizeLocale(i18n.language));
    switch (r.kind) {
      case 'done': {
        const excluded = (t: TFn) => r.excluded.map((e) => t('with_note', { text: e.path, note: t(e.reason === 'burned-in-annotation' ? 'ds_burned' : 'ds_not_medical') }));
        setMessage({
          kind: 'info',
          text: (t) =>
            [t('ds_imported', { count: r.files, dicom: r.dicom }), r.excluded.length ? t('ds_excluded', { count: r.excluded.length, files: excluded(t).join(', ') }) : '', r.skipped ? t('ds_skipped', { count: r.skipped }) : ''].filter(Boolean).join(' '),
        });
        setHeaders(r.headers);
        if (r.burnedIn.length) setHeld({ dataset: r.id, salt: r.salt, sources: r.burnedIn });
        return;
      }
      case 'cancelled':
        return setMessage({ kind: 'info', text: (t) => t('ds_import_stopped', { done: r.done, total: r.total }) });
      case 'refused':
        return setMessage({ kind: 'error', text: (t) => t('ds_quota_refused', { need: size(r.need), available: size(r.available), quota: size(r.quota) }) });
      case 'full':
        return setMessage({ kind: 'error', text: (t) => (r.quota > 0 ? t('ds_quota_full', { done: r.done, total: r.total, need: size(r.need), available: size(r.available), quota: size(r.quota) }) : t('ds_quota_full_unknown', { done: r.done, total: r.total })) });
      case 'other-folder':
        return setMessage({ kind: 'error', text: (t) => t('ds_other_folder', { expected: r.expected, got: r.got }) });
      case 'elsewhere':
        return setMessage({ kind: 'error', text: (t) => t('ds_import_elsewhere') });
      case 'failed': {
        const kept = r.kept;
        return setMessage({ kind: 'error', text: (t) => (kept ? t('ds_import_failed', { problem: r.problem, ...kept }) : t('ds_failed', { problem: r.problem })) });
      }
    }
  };

  /** Imports a folder (or files) case by case; with `resume`, finishes an unfinished import of the same folder. */
  const importSources = async (sources: ImportSource[], resume?: Unfinished) => {
    if (sources.length === 0 || busy) return;
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setHeld(null);
    setHeaders([]);
    const top = sources[0]!.path.split('/')[0] ?? 'dataset';
    const name = sources.length > 1 && sources.every((s) => s.path.startsWith(`${top}/`)) ? top : sources.length === 1 ? top : t('ds_named', { first: top, count: sources.length - 1 });
    setStreaming({ done: 0, total: 0, file: '', bytesDone: 0, bytesTotal: 0 });
    // The list's file count follows the import: read again 300 ms after a case is stored (once for a burst of them).
    let relist: ReturnType<typeof setTimeout> | null = null;
    try {
      const r = await streamImport(db, sources, {
        name,
        signal: controller.signal,
        storage: storageAccess(),
        ...(resume ? { resume } : {}),
        onStart: (id) => {
          setActive(id);
          void refresh();
        },
        onProgress: (p) => {
          setStreaming(p);
          relist ??= setTimeout(() => {
            relist = null;
            void refresh();
          }, 300);
        },
      });
      report(r);
      await refresh();
      if (r.kind === 'done') {
        setSelected(r.id);
        setRevision((n) => n + 1);
      }
    } catch (e) {
      setMessage({ kind: 'error', text: (t) => t('ds_failed', { problem: (e as Error).message }) });
    } finally {
      if (relist !== null) clearTimeout(relist);
      setStreaming(null);
      setActive(null);
      abort.current = null;
    }
  };

  /** Deletes a stored dataset (Delete, or Discard of an unfinished one), never one that another tab is importing into. */
  const remove = async (d: StoredDataset, discarded: boolean) => {
    const release = await holdImportLock(d.id!);
    if (!release) return setMessage({ kind: 'error', text: (t) => t('ds_import_elsewhere') });
    try {
      await deleteDataset(db, d.id!);
    } finally {
      release();
    }
    if (selected === d.id) setSelected(null);
    if (held?.dataset === d.id) setHeld(null);
    if (discarded) setMessage({ kind: 'info', text: (t) => t('ds_discarded', { name: d.name }) });
    await refresh();
  };
  const unfinished = list.filter((d): d is Unfinished => d.import !== undefined && d.id !== active);

  // The user's decision: import the held files after all, de-identified with the same salt, into the same dataset.
  const importBurnedIn = async () => {
    if (!held || busy) return;
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setProgress({ done: 0, total: held.sources.length });
    try {
      const r = await prepareImport(held.sources, { salt: held.salt, acceptBurnedIn: true, signal: controller.signal, onProgress: (done, total) => setProgress({ done, total }) });
      if (controller.signal.aborted) throw new ImportCancelled('cancelled');
      await addToDataset(db, held.dataset, r.files, r.audit);
      setHeld(null);
      setHeaders((h) => [...h, ...r.headers]);
      setMessage({ kind: 'info', text: (t) => t('ds_burned_imported', { count: r.files.length }) });
      await refresh();
      setSelected(held.dataset);
      setRevision((n) => n + 1);
    } catch (e) {
      if (e instanceof ImportCancelled) setMessage({ kind: 'info', text: (t) => t('ds_cancelled') });
      else if (e instanceof DatasetSaveError && e.problem === 'full') setMessage({ kind: 'error', text: (t) => t('ds_full') });
      else setMessage({ kind: 'error', text: (t) => t('ds_failed', { problem: e instanceof DatasetSaveError ? e.problem : (e as Error).message }) });
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const current = useMemo(() => list.find((d) => d.id === selected), [list, selected]);
  const summary = summarized && summarized.id === selected ? summarized.summary : null;
  // The manifest written from the user's table joins the dataset like an imported file; the summary is read again.
  const writeManifest = async (m: LabelManifest) => {
    if (selected === null) return;
    await addToDataset(db, selected, [{ path: m.path, bytes: new TextEncoder().encode(m.text), dicom: false }]);
    setMessage({ kind: 'info', text: (t) => t('ds_labels_written', { file: m.path, folder: m.folder || '.' }) });
    await refresh();
    setRevision((n) => n + 1);
  };
  return (
    <div className="dialog-backdrop" onClick={close}>
      <div className="dialog datasets-page" role="dialog" aria-modal="true" aria-label={t('ds_title')} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && close()}>
        <header className="ds-head">
          <h2>{t('ds_title')}</h2>
          <button type="button" onClick={close}>
            {t('ds_close')}
          </button>
        </header>
        <div
          className={`ds-drop${dragging ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void sourcesFromDrop(e.dataTransfer.items).then(importSources);
          }}
        >
          <p>{t('ds_drop')}</p>
          <label className="button-like">
            {t('ds_choose_files')}
            <input type="file" multiple hidden data-testid="ds-files" onChange={(e) => void importSources(sourcesFromFiles(e.target.files ?? []))} />
          </label>
          <label className="button-like">
            {t('ds_choose_folder')}
            <input type="file" multiple hidden data-testid="ds-folder" {...{ webkitdirectory: '' }} onChange={(e) => void importSources(sourcesFromFiles(e.target.files ?? []))} />
          </label>
          <p className="hint">{t('ds_privacy')}</p>
        </div>
        {streaming && <ImportProgressView progress={streaming} onCancel={() => abort.current?.abort()} />}
        {progress && (
          <div className="ds-progress">
            <progress max={progress.total} value={progress.done} aria-label={t('ds_importing', progress)} />
            <span>{t('ds_importing', progress)}</span>
            <button type="button" onClick={() => abort.current?.abort()}>
              {t('ds_cancel')}
            </button>
          </div>
        )}
        {message && (
          <p className={message.kind === 'error' ? 'ds-error' : 'ds-info'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text(t)}
          </p>
        )}
        {unfinished.map((d) => (
          <UnfinishedImport key={d.id} dataset={d} busy={busy} onResume={(files) => void importSources(sourcesFromFiles(files), d)} onDiscard={() => void remove(d, true)} />
        ))}
        {held && <BurnedInChoice held={held} busy={busy} onAccept={() => void importBurnedIn()} onDismiss={() => setHeld(null)} />}
        <div className="ds-body">
          <nav className="ds-list" aria-label={t('ds_list')}>
            <h3>{t('ds_list')}</h3>
            {list.length === 0 && <p className="hint">{t('ds_none')}</p>}
            <ul>
              {list.map((d) => (
                <li key={d.id} aria-current={d.id === selected}>
                  <button type="button" className="link" onClick={() => setSelected(d.id ?? null)}>
                    {d.name}
                  </button>
                  <span className="hint"> {t('ds_files', { count: d.fileCount })}</span>
                  {d.import && <span className="ds-badge"> {t('ds_unfinished_badge')}</span>}
                  <button
                    type="button"
                    disabled={d.id === active}
                    onClick={() => void remove(d, false)}
                  >
                    {t('ds_delete')}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ds-main">
            {summary && current && (
              // One keyed panel per dataset: selecting another replaces all of it (headings, tables, viewer, audit log).
              <div className="ds-selected" key={current.id} aria-label={current.name} role="region">
                <h3 className="ds-name">{current.name}</h3>
                <Summary summary={summary} tables={summarized?.tables ?? []} onLabels={writeManifest} />
                <AuditLogView audit={current.audit} name={current.name} />
              </div>
            )}
            {headers.length > 0 && <HeaderView headers={headers} />}
          </div>
        </div>
      </div>
    </div>
  );
}
