import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeImage, type DecodedImage } from '../data/decode-image';
import { readVolume, volumeStats, type Volume } from '../data/medical';
import { noRealExampleOf, realExampleOf, type RealExample } from '../data/real-examples';
import { SliceViewer } from './datasets/SliceViewer';
import { useLang } from './useLang';

const base = import.meta.env.BASE_URL;

/** Where a real example file is served from. */
export const realExampleUrl = (e: RealExample) => `${base}${e.file}`;

/** The file's own name, for messages. */
export const realExampleName = (e: RealExample) => e.file.slice(e.file.lastIndexOf('/') + 1);

/** The bytes of a real example file. */
export async function fetchRealExample(e: RealExample): Promise<Uint8Array> {
  const r = await fetch(realExampleUrl(e));
  if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
  return new Uint8Array(await r.arrayBuffer());
}

let index: Promise<RealExample[]> | null = null;

/** The valid real examples of public/templates/index.json (read once; malformed entries are skipped). */
export function loadRealExamples(): Promise<RealExample[]> {
  index ??= fetch(`${base}templates/index.json`)
    .then((r) => (r.ok ? r.json() : []))
    .then((list: unknown) => (Array.isArray(list) ? list.map(realExampleOf).filter((e): e is RealExample => e !== null) : []))
    .catch(() => []);
  return index;
}

/** The real examples a trained model of this pipeline can be tried on (its data block is their `tryWith`). */
export function useRealExamplesFor(blockTypes: readonly string[]): RealExample[] {
  const [all, setAll] = useState<RealExample[]>([]);
  useEffect(() => {
    let live = true;
    void loadRealExamples().then((list) => live && setAll(list));
    return () => {
      live = false;
    };
  }, []);
  return all.filter((e) => e.tryWith !== undefined && blockTypes.includes(e.tryWith));
}

/** A template's line about its real example: title, credit, licence and View; or why there is none. */
export function RealExampleLine({ entry, onView }: { entry: unknown; onView: (e: RealExample) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const example = realExampleOf(entry);
  const none = example ? null : noRealExampleOf(entry);
  if (!example && !none) return null;
  return (
    <div className="real-example" data-testid="real-example" data-file={example?.file ?? ''}>
      <b>{t('real_example')}</b>{' '}
      {example ? (
        <>
          <span>
            {example.title[lang]} — <span className="real-credit">{t('real_credit_line', { credit: example.credit[lang], licence: example.licence })}</span>{' '}
          </span>
          <button type="button" className="real-view" onClick={() => onView(example)} aria-label={t('real_view_title', { title: example.title[lang] })}>
            {t('real_view')}
          </button>
        </>
      ) : (
        <span className="hint">{none![lang]}</span>
      )}
    </div>
  );
}

type Loaded = { kind: 'loading' } | { kind: 'image'; image: DecodedImage } | { kind: 'volume'; volume: Volume; min: number; max: number } | { kind: 'error'; text: string };

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(4));

/**
 * A real example opened from the gallery: the photo as an image, a volume in the data manager's slice
 * viewer; both read by Jimu's own readers, with their size, credit, licence and source.
 */
export function RealExampleViewer({ example, onClose }: { example: RealExample; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const name = realExampleName(example);
  useEffect(() => {
    let live = true;
    (async (): Promise<Loaded> => {
      const bytes = await fetchRealExample(example);
      if (example.kind === 'image') return { kind: 'image', image: decodeImage(bytes, name) };
      const volume = await readVolume(bytes);
      const { min, max } = volumeStats(volume.data);
      return { kind: 'volume', volume, min, max };
    })()
      .catch((e: unknown): Loaded => ({ kind: 'error', text: t('real_failed', { file: name, detail: e instanceof Error ? e.message : String(e) }) }))
      .then((l) => live && setLoaded(l));
    return () => {
      live = false;
    };
  }, [example, name, t]);
  return (
    <div
      className="dialog-backdrop"
      onClick={(e) => {
        e.stopPropagation();
        onClose();
      }}
    >
      <div className="dialog real-viewer" role="dialog" aria-modal="true" aria-label={example.title[lang]} data-testid="real-viewer" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}>
        <h2>{example.title[lang]}</h2>
        {loaded.kind === 'loading' ? <p className="hint">{t('real_loading', { file: name })}</p> : null}
        {loaded.kind === 'error' ? <p role="alert">{loaded.text}</p> : null}
        {loaded.kind === 'image' ? (
          <>
            <img src={realExampleUrl(example)} alt={example.title[lang]} className="real-image" data-testid="real-image" />
            <p className="hint">{t('real_image_info', { width: loaded.image.width, height: loaded.image.height, channels: loaded.image.channels })}</p>
          </>
        ) : null}
        {loaded.kind === 'volume' ? (
          <>
            <SliceViewer volume={loaded.volume} mask={null} min={loaded.min} max={loaded.max} size={360} />
            <p className="hint">
              {t('real_volume_info', {
                shape: loaded.volume.shape.join(' × '),
                spacing: loaded.volume.spacing.slice(0, 3).map(fmt).join(' × '),
                min: fmt(loaded.min),
                max: fmt(loaded.max),
                units: loaded.volume.meta.units ? ` ${loaded.volume.meta.units}` : '',
                format: loaded.volume.meta.format === 'dicom' ? 'DICOM' : 'NIfTI',
              })}
            </p>
          </>
        ) : null}
        <p className="real-credit">{example.credit[lang]}</p>
        <p className="hint real-credit">
          {t('real_licence', { licence: example.licence })} · {t('real_source', { source: example.source })}
        </p>
        <button type="button" onClick={onClose} autoFocus>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
