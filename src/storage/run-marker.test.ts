import { describe, expect, it } from 'vitest';
import { markRunEnded, markRunStarted, takeInterruptedRun } from './run-marker';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};

describe('the note of a run in progress', () => {
  it('reports a run that a reload interrupted, once', () => {
    const s = memory();
    markRunStarted({ runId: 'r1', name: 'Fundus' }, s);
    expect(takeInterruptedRun(s)).toEqual({ runId: 'r1', name: 'Fundus' });
    expect(takeInterruptedRun(s)).toBeNull();
  });

  it('says nothing about a run that ended', () => {
    const s = memory();
    markRunStarted({ runId: 'r1', name: 'Fundus' }, s);
    markRunEnded('r1', s);
    expect(takeInterruptedRun(s)).toBeNull();
  });

  it("keeps a newer run's note when an older run ends", () => {
    const s = memory();
    markRunStarted({ runId: 'r2', name: 'Glioma' }, s);
    markRunEnded('r1', s);
    expect(takeInterruptedRun(s)).toEqual({ runId: 'r2', name: 'Glioma' });
  });

  it('ignores a damaged note and storage that refuses', () => {
    const s = memory();
    s.setItem('jimu-run-in-progress', '{not json');
    expect(takeInterruptedRun(s)).toBeNull();
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); } };
    expect(() => markRunStarted({ runId: 'r', name: 'x' }, refusing)).not.toThrow();
    expect(takeInterruptedRun(refusing)).toBeNull();
  });
});
