import type { XY } from './edits';

/** A block's place and size on the canvas. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space kept between a new block and the blocks around it. */
const GAP = 24;
/** The search steps this far at a time, and gives up this far away (then the wanted point is used). */
const STEP = 20;
const REACH = 4000;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;

/**
 * The free place nearest to `wanted` (the top-left corner a new block would like) where a block of
 * `size` covers none of `taken`, each kept a small gap apart. Candidates are tried ring by ring,
 * nearest first, so a block lands beside the crowd rather than far away.
 */
export function freeSpot(wanted: XY, size: { width: number; height: number }, taken: readonly Box[]): XY {
  const fits = (p: XY) => !taken.some((b) => overlaps({ ...p, ...size }, b));
  if (fits(wanted)) return wanted;
  for (let r = 1; r * STEP <= REACH; r++) {
    const ring: XY[] = [];
    for (let i = -r; i <= r; i++) {
      ring.push({ x: wanted.x + i * STEP, y: wanted.y - r * STEP }, { x: wanted.x + i * STEP, y: wanted.y + r * STEP });
      if (i !== -r && i !== r) ring.push({ x: wanted.x - r * STEP, y: wanted.y + i * STEP }, { x: wanted.x + r * STEP, y: wanted.y + i * STEP });
    }
    ring.sort((a, b) => Math.hypot(a.x - wanted.x, a.y - wanted.y) - Math.hypot(b.x - wanted.x, b.y - wanted.y));
    const free = ring.find(fits);
    if (free) return free;
  }
  return wanted;
}

/**
 * Where a block added without a drop point wants to go: to the right of the selected blocks (data flows
 * left to right), level with the last of them; with nothing selected, centred in the view.
 */
export function wantedSpot(selected: readonly Box[], viewCentre: XY, size: { width: number; height: number }): XY {
  const last = selected.at(-1);
  if (!last) return { x: viewCentre.x - size.width / 2, y: viewCentre.y - size.height / 2 };
  const right = Math.max(...selected.map((b) => b.x + b.width));
  return { x: right + 60, y: last.y };
}
