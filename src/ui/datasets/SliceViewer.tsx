import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { middleSlice, PLANES, planeAxes, planeLetters, planePixels, planeScreenSize, planeShape, RED, type Plane, type Rgb, type SliceSource } from '../../data/preview/pixels';

/**
 * One slice of a volume on a canvas, grey from the volume's min to max, with a mask (another volume on
 * the same grid) overlaid in colour. A 2D canvas rather than WebGL: it draws the same in every browser,
 * headless ones without a GPU included.
 *
 * Axial slices (along k) unless another plane is chosen: a 3D volume whose slice this viewer chooses
 * itself offers axial, coronal and sagittal; `plane` given, the parent chooses (and no choice is shown).
 * The planes follow `volume.affine` where the volume has one, in the radiological convention of clinical
 * viewers (axial: anterior at the top, the patient's right on the screen's left; coronal: superior at the
 * top, right on the left; sagittal: superior at the top, anterior on the left), whatever the voxel order
 * on disk (DICOM LPS, NIfTI RAS, sagittal or oblique acquisitions: the nearest axes), and orientation
 * letters mark the patient's side at each edge. Without an affine: the voxel axes as an axial
 * acquisition has them, indices growing rightwards and upwards, and no letters. Each plane keeps the
 * physical aspect of its voxels.
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
  plane: chosenPlane,
}: {
  volume: SliceSource & { spacing: readonly number[]; affine?: readonly (readonly number[])[]; meta?: { orientationAssumed?: boolean } };
  mask: { data: ArrayLike<number> } | null;
  min: number;
  max: number;
  size?: number;
  slice?: number;
  palette?: readonly Rgb[];
  /** The canvas's accessible name (the slice number otherwise). */
  label?: string;
  /** The plane to show, chosen by the parent; axial and a choice of planes otherwise. */
  plane?: Plane;
}) {
  const { t } = useTranslation();
  const radios = useId();
  const [ownPlane, setOwnPlane] = useState<Plane>('axial');
  const plane = chosenPlane ?? ownPlane;
  const affine = volume.affine;
  const axes = useMemo(() => planeAxes(plane, affine), [plane, affine]);
  // A file without orientation (secondary capture) has an assumed affine: draw it, but claim no sides.
  const assumed = volume.meta?.orientationAssumed === true;
  const letters = useMemo(() => (assumed ? null : planeLetters(axes, affine)), [axes, affine, assumed]);
  const { width, height, depth } = planeShape(volume.shape, axes);
  // The slice each plane was left at (its middle until moved).
  const [own, setOwn] = useState<Partial<Record<Plane, number>>>({});
  const canvas = useRef<HTMLCanvasElement>(null);
  const slice = Math.max(0, Math.min(chosen ?? own[plane] ?? middleSlice(depth), depth - 1));
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const drawn = planePixels(volume, mask, axes, slice, min, max, palette);
    const img = ctx.createImageData(drawn.width, drawn.height);
    img.data.set(drawn.pixels);
    ctx.putImageData(img, 0, 0);
  }, [volume, mask, axes, slice, min, max, palette]);
  // Drawn at its physical aspect (voxels may be anisotropic), the longer side `size` px.
  const screen = planeScreenSize(volume.shape, volume.spacing, axes, size);
  const [ni = 1, nj = 1, nk = 1] = volume.shape;
  const choosePlane = chosenPlane === undefined && chosen === undefined && ni > 1 && nj > 1 && nk > 1;
  return (
    <div className="slice-viewer">
      {choosePlane && (
        <div className="slice-planes" role="radiogroup" aria-label={t('ds_plane')}>
          {PLANES.map((p) => (
            <label key={p}>
              <input type="radio" name={radios} checked={plane === p} onChange={() => setOwnPlane(p)} />
              {t(`ds_plane_${p}`)}
            </label>
          ))}
        </div>
      )}
      <div className={letters ? 'slice-frame with-letters' : 'slice-frame'} data-plane={plane}>
        <canvas ref={canvas} width={width} height={height} style={{ width: screen.width, height: screen.height }} aria-label={label ?? t('ds_slice', { k: slice + 1, n: depth })} data-testid="slice-canvas" />
        {letters && (
          <>
            <span className="slice-letter left" aria-hidden="true">{letters.left}</span>
            <span className="slice-letter right" aria-hidden="true">{letters.right}</span>
            <span className="slice-letter top" aria-hidden="true">{letters.top}</span>
            <span className="slice-letter bottom" aria-hidden="true">{letters.bottom}</span>
          </>
        )}
      </div>
      {depth > 1 && chosen === undefined && (
        <label>
          {t('ds_slice', { k: slice + 1, n: depth })}
          <input type="range" min={0} max={depth - 1} value={slice} onChange={(e) => setOwn((o) => ({ ...o, [plane]: Number(e.target.value) }))} />
        </label>
      )}
    </div>
  );
}
