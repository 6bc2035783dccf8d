import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Volume } from '../../data/volume';

/**
 * One axial slice (k) of a volume on a canvas, grey from the volume's min to max, with a mask (another
 * volume on the same grid) overlaid in colour. A 2D canvas rather than WebGL: it draws the same in every
 * browser, headless ones without a GPU included.
 */
export function SliceViewer({ volume, mask, min, max }: { volume: Volume; mask: Volume | null; min: number; max: number }) {
  const { t } = useTranslation();
  const [ni = 1, nj = 1, nk = 1] = volume.shape;
  const [k, setK] = useState(Math.floor(nk / 2));
  const canvas = useRef<HTMLCanvasElement>(null);
  const slice = Math.min(k, nk - 1);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(ni, nj);
    const span = max - min || 1;
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) {
        const src = i + ni * (j + nj * slice);
        // Rows flipped so anterior/superior is up for the usual RAS/LPS orientations.
        const o = 4 * (i + ni * (nj - 1 - j));
        const g = Math.max(0, Math.min(255, ((volume.data[src]! - min) / span) * 255));
        const m = mask ? mask.data[src]! : 0;
        img.data[o] = m ? 0.5 * g + 127 : g;
        img.data[o + 1] = m ? 0.5 * g : g;
        img.data[o + 2] = m ? 0.5 * g : g;
        img.data[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [volume, mask, slice, ni, nj, min, max]);
  // Drawn at its physical aspect (voxels may be anisotropic), the longer side 320 px.
  const [si = 1, sj = 1] = volume.spacing;
  const scale = 320 / Math.max(ni * si, nj * sj);
  return (
    <div className="slice-viewer">
      <canvas ref={canvas} width={ni} height={nj} style={{ width: Math.round(ni * si * scale), height: Math.round(nj * sj * scale) }} aria-label={t('ds_slice', { k: slice + 1, n: nk })} data-testid="slice-canvas" />
      {nk > 1 && (
        <label>
          {t('ds_slice', { k: slice + 1, n: nk })}
          <input type="range" min={0} max={nk - 1} value={slice} onChange={(e) => setK(Number(e.target.value))} />
        </label>
      )}
    </div>
  );
}
