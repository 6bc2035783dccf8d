import { describe, expect, it } from 'vitest';
import { freeSpot, wantedSpot, type Box } from './placement';

const size = { width: 200, height: 90 };
const clear = (p: { x: number; y: number }, taken: Box[]) => taken.every((b) => p.x + size.width <= b.x || b.x + b.width <= p.x || p.y + size.height <= b.y || b.y + b.height <= p.y);

describe('where a new block lands', () => {
  it('takes the wanted place when it is free', () => {
    expect(freeSpot({ x: 10, y: 20 }, size, [{ x: 400, y: 400, width: 200, height: 90 }])).toEqual({ x: 10, y: 20 });
  });

  it('steps to the nearest free place, never on top of another block', () => {
    const taken: Box[] = [{ x: 0, y: 0, width: 200, height: 90 }];
    const p = freeSpot({ x: 0, y: 0 }, size, taken);
    expect(clear(p, taken)).toBe(true);
    expect(Math.hypot(p.x, p.y)).toBeLessThan(160); // beside it, not far away
  });

  it('finds room among many blocks, one after another', () => {
    const taken: Box[] = [];
    for (let i = 0; i < 12; i++) {
      const p = freeSpot({ x: 300, y: 200 }, size, taken);
      expect(clear(p, taken)).toBe(true);
      taken.push({ ...p, ...size });
    }
  });

  it('wants the right of the selection, or the middle of the view', () => {
    expect(wantedSpot([{ x: 100, y: 50, width: 220, height: 110 }], { x: 0, y: 0 }, size)).toEqual({ x: 380, y: 50 });
    expect(wantedSpot([], { x: 500, y: 300 }, size)).toEqual({ x: 400, y: 255 });
  });
});
