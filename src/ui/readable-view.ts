/**
 * The smallest zoom at which a block's smallest regular text (12 px port names) still reads as about
 * 11 px on screen, on a laptop and on a projector.
 */
export const READABLE_ZOOM = 0.92;

/** The largest zoom a fit goes to (a three-block pipeline should not fill the screen). */
export const FIT_MAX_ZOOM = 1.2;

/** Space left around a fitted pipeline, in screen pixels. */
const MARGIN = 40;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The view of a pipeline: the whole of it when it fits at a readable zoom; otherwise a readable zoom
 * that shows where the data comes in (the left of the pipeline, as the layout runs left to right),
 * vertically centred when it fits in height and from its top when it does not. The minimap shows the rest.
 */
export function readableViewport(bounds: Rect, pane: { width: number; height: number }): Viewport {
  const fit = Math.min((pane.width - 2 * MARGIN) / Math.max(1, bounds.width), (pane.height - 2 * MARGIN) / Math.max(1, bounds.height), FIT_MAX_ZOOM);
  const zoom = Math.max(fit, READABLE_ZOOM);
  const w = bounds.width * zoom;
  const h = bounds.height * zoom;
  const x = w <= pane.width - 2 * MARGIN ? (pane.width - w) / 2 - bounds.x * zoom : MARGIN - bounds.x * zoom;
  const y = h <= pane.height - 2 * MARGIN ? (pane.height - h) / 2 - bounds.y * zoom : MARGIN - bounds.y * zoom;
  return { x, y, zoom };
}
