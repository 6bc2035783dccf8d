import { describe, expect, it } from 'vitest';
import { READABLE_ZOOM, readableViewport } from './readable-view';

describe('the view a pipeline opens in', () => {
  const pane = { width: 1000, height: 700 };

  it('fits a small pipeline whole, centred, never zoomed in past 1.2', () => {
    const v = readableViewport({ x: 0, y: 0, width: 500, height: 200 }, pane);
    expect(v.zoom).toBe(1.2);
    expect(v.x + (500 * v.zoom) / 2).toBeCloseTo(500); // centred
    expect(v.y + (200 * v.zoom) / 2).toBeCloseTo(350);
  });

  it('fits a middling pipeline whole when that still reads', () => {
    const v = readableViewport({ x: 100, y: 50, width: 950, height: 400 }, pane);
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(v.x + 100 * v.zoom).toBeGreaterThanOrEqual(0);
    expect(v.x + (100 + 950) * v.zoom).toBeLessThanOrEqual(1000);
  });

  it('keeps a large pipeline readable and shows where its data comes in (its left edge)', () => {
    const v = readableViewport({ x: -200, y: 30, width: 4000, height: 500 }, pane);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.x + -200 * v.zoom).toBe(40); // the left edge, a margin in
    expect(v.y + (30 + 250) * v.zoom).toBeCloseTo(350); // centred in height: it fits
  });

  it('starts a pipeline taller than the pane from its top', () => {
    const v = readableViewport({ x: 0, y: 0, width: 3000, height: 3000 }, pane);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.y).toBe(40);
  });
});
