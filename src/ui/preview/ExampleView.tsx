import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShape } from '../../core';
import { labelMask, type ExamplePreview, type LabelView } from '../../data/preview/example';
import { channelVolume, displayRange, imagePixels, MASK_PALETTE, middleSlice } from '../../data/preview/pixels';
import { SliceViewer } from '../datasets/SliceViewer';
import { ImageCanvas } from './ImageCanvas';

/** A value in a few significant digits (0.000123, 12.3, 4567). */
export const short = (v: number) => (Math.abs(v) >= 1000 || v === Math.round(v) ? String(Math.round(v * 100) / 100) : v.toPrecision(3));

/** The first example: its image (2D, or the axial slices of a volume's channels), its label and its numbers. */
export function ExampleView({ example, count }: { example: ExamplePreview; count: number }) {
  const { t } = useTranslation();
  const volume = example.imageShape.length === 4;
  const hasMask = example.labelView.kind === 'mask';
  const [overlay, setOverlay] = useState(true);
  const mask = useMemo(() => (hasMask ? labelMask(example.label, example.labelShape) : null), [example, hasMask]);
  return (
    <div className="pv-example">
      {volume ? <VolumeView example={example} mask={overlay ? mask : null} /> : <PlaneView example={example} mask={overlay ? mask : null} />}
      {hasMask ? (
        <label className="pv-overlay">
          <input type="checkbox" checked={overlay} onChange={(e) => setOverlay(e.target.checked)} /> {t('pv_overlay')}
        </label>
      ) : null}
      <LabelLine view={example.labelView} volume={volume} />
      <dl className="pv-facts" data-testid="preview-facts">
        <dt>{t('pv_id')}</dt>
        <dd>
          <code>{example.id}</code>
        </dd>
        <dt>{t('pv_shape')}</dt>
        <dd data-testid="preview-shape">
          <code>{formatShape(example.imageShape)}</code>
        </dd>
        <dt>{t('pv_label_shape')}</dt>
        <dd>
          <code>{formatShape(example.labelShape)}</code>
        </dd>
        <dt>{t('pv_range')}</dt>
        <dd>
          {short(example.stats.min)} … {short(example.stats.max)} · {t('pv_mean', { v: short(example.stats.mean) })}
        </dd>
        <dt>{t('pv_count')}</dt>
        <dd data-testid="preview-count">{count}</dd>
      </dl>
    </div>
  );
}

/** A 2D image: one colour picture for RGB, else each channel in grey. */
function PlaneView({ example, mask }: { example: ExamplePreview; mask: Uint8Array | null }) {
  const { t } = useTranslation();
  const [h = 1, w = 1, c = 1] = example.imageShape;
  const views = useMemo(() => {
    const all = displayRange(example.stats.min, example.stats.max);
    if (c === 3) return [{ name: 'RGB', pixels: imagePixels(example.image, example.imageShape, 'rgb', all.min, all.max, mask) }];
    return example.channels.map((s, i) => {
      const r = displayRange(s.min, s.max);
      return { name: t('pv_channel', { n: i + 1 }), pixels: imagePixels(example.image, example.imageShape, i, r.min, r.max, mask) };
    });
  }, [example, mask, c, t]);
  const size = views.length === 1 ? 256 : 122;
  return (
    <div className="pv-images">
      {views.map((v) => (
        <figure key={v.name}>
          <ImageCanvas pixels={v.pixels} width={w} height={h} size={size} label={v.name} />
          {views.length > 1 ? <figcaption>{v.name}</figcaption> : null}
        </figure>
      ))}
    </div>
  );
}

/** A volume: the same axial slice of every channel (and of a dense label map), one slider for all. */
function VolumeView({ example, mask }: { example: ExamplePreview; mask: Uint8Array | null }) {
  const { t } = useTranslation();
  const depth = example.imageShape[0] ?? 1;
  const [slice, setSlice] = useState(middleSlice(depth));
  const views = useMemo(() => {
    const channels = example.channels.map((s, i) => ({ name: t('pv_channel', { n: i + 1 }), volume: channelVolume(example.image, example.imageShape, i), range: displayRange(s.min, s.max), overlay: true }));
    const view = example.labelView;
    if (view.kind !== 'map') return channels;
    return [...channels, { name: t('pv_map', { name: view.name }), volume: channelVolume(example.label, example.labelShape, 0), range: displayRange(view.stats.min, view.stats.max), overlay: false }];
  }, [example, t]);
  const size = views.length === 1 ? 256 : 122;
  return (
    <>
      <div className="pv-images">
        {views.map((v) => (
          <figure key={v.name}>
            <SliceViewer volume={v.volume} mask={v.overlay && mask ? { data: mask } : null} min={v.range.min} max={v.range.max} size={size} slice={slice} palette={MASK_PALETTE} label={`${v.name} · ${t('ds_slice', { k: slice + 1, n: depth })}`} />
            <figcaption>{v.name}</figcaption>
          </figure>
        ))}
      </div>
      {depth > 1 ? (
        <label className="pv-slider">
          {t('ds_slice', { k: slice + 1, n: depth })}
          <input type="range" min={0} max={depth - 1} value={slice} onChange={(e) => setSlice(Number(e.target.value))} />
        </label>
      ) : null}
    </>
  );
}

/** The label in words: the classes present, the value, or the mask's classes in their overlay colours. */
function LabelLine({ view, volume }: { view: LabelView; volume: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="pv-label" data-testid="preview-label">
      <span className="pv-label-title">{t('pv_label')}</span>
      {view.kind === 'classes' ? (
        // Every class, the ones this example has marked: a multi-label example may have several, or none.
        view.classes.map((c) => (
          <span key={c.name} className={`pv-chip ${c.on ? 'pv-on' : 'pv-off'}`} title={short(c.value)}>
            {c.name}
          </span>
        ))
      ) : null}
      {view.kind === 'values'
        ? view.values.map((v) => (
            <span key={v.name} className="pv-chip">
              {v.name} = {short(v.value)}
            </span>
          ))
        : null}
      {view.kind === 'mask'
        ? view.classes.map((c) => {
            const [r, g, b] = MASK_PALETTE[(c.index - 1) % MASK_PALETTE.length]!;
            return (
              <span key={c.name} className="pv-chip pv-mask-chip" style={{ borderColor: `rgb(${r} ${g} ${b})` }}>
                <i style={{ background: `rgb(${r} ${g} ${b})` }} />
                {c.name} · {c.voxels ? t(volume ? 'pv_voxels' : 'pv_pixels', { count: c.voxels }) : t('pv_absent')}
              </span>
            );
          })
        : null}
      {view.kind === 'map' ? (
        <span className="pv-chip">
          {view.name}: {short(view.stats.min)} … {short(view.stats.max)}
        </span>
      ) : null}
    </div>
  );
}
