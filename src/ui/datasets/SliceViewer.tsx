import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RED, slicePixels, type Rgb, type SliceSource } from '../../data/preview/pixels';

/**
 * One axial slice (k) of a volume on a canvas, grey from the volume's min to max, with a mask (another
 * volume on the same grid) overlaid in colour. A 2D canvas rather than WebGL: it draws the same in every
 * browser, headless ones without a GPU included.
 *
 * `slice` given: the parent chooses the slice (one slider for several channels) and this viewer shows
 * no slider of its own. `size`: the longer side on screen, in CSS pixels. `palette`: mask colours by
 * value (1, 2 …); one red for any non-zero value otherwise.
 */
export function SliceViewer({
  volume,
  mask,
  min,
  max,
  size = 320,
  slice: chosen,
  palette = RED,
  label,
}: {
  volume: SliceSource & { spacing: readonly number[] };
  mask: { data: ArrayLike<number> } | null;
  min: number;
  max: number;
  size?: number;
  slice?: number;
  palette?: readonly Rgb[];
  /** The canvas's accessible name (the slice number otherwise). */
  label?: string;
}) {
  const { t } = useTranslation();
  const [ni = 1, nj = 1, nk = 1] = volume.shape;
  const [k, setK] = useState(Math.floor(nk / 2));
  const canvas = useRef<HTMLCanvasElement>(null);
  const slice = Math.max(0, Math.min(chosen ?? k, nk - 1));
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(ni, nj);
    img.data.set(slicePixels(volume, mask, slice, min, max, palette));
    ctx.putImageData(img, 0, 0);
  }, [volume, mask, slice, ni, nj, min, max, palette]);
  // Drawn at its physical aspect (voxels may be anisotropic), the longer side `size` px.
  const [si = 1, sj = 1] = volume.spacing;
  const scale = size / Math.max(ni * si, nj * sj);
  return (
    <div className="slice-viewer">
      <canvas ref={canvas} width={ni} height={nj} style={{ width: Math.round(ni * si * scale), height: Math.round(nj * sj * scale) }} aria-label={label ?? t('ds_slice', { k: slice + 1, n: nk })} data-testid="slice-canvas" />
      {nk > 1 && chosen === undefined && (
        <label>
          {t('ds_slice', { k: slice + 1, n: nk })}
          <input type="range" min={0} max={nk - 1} value={slice} onChange={(e) => setK(Number(e.target.value))} />
        </label>
      )}
    </div>
  );
}
