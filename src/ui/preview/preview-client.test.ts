import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExamplePreview } from '../../data/preview/example';
import type { PreviewTarget } from '../../data/preview/request';
import type { PreviewReply, PreviewRequest } from '../../worker/preview-run';
import { cachedPreview, clearPreviewCache, requestPreview } from './preview-client';
import { useDatasetsOpen } from '../datasets/datasets-open';

/** A stand-in for the preview worker: records what it is sent and whether it was ended. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: PreviewRequest[] = [];
  terminated = false;
  onmessage: ((e: { data: PreviewReply }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: PreviewRequest) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(r: PreviewReply) {
    this.onmessage?.({ data: r });
  }
}

const example = { id: 'a', n: 1, image: new Float32Array(4), label: new Float32Array(1) } as ExamplePreview;
const target = (key: string): PreviewTarget => ({ block: 'b', port: 'data', steps: [], seed: 1, key, dataset: {} as never });

beforeEach(() => {
  vi.stubGlobal('Worker', FakeWorker);
  clearPreviewCache();
  requestPreview(target('end the last test’s worker')).cancel();
  FakeWorker.made = [];
});
afterEach(() => vi.unstubAllGlobals());

describe('requestPreview', () => {
  it('asks the worker, keeps the result, and answers the same key again from the cache without the worker', async () => {
    const r = requestPreview({ ...target('k1'), limit: 1 });
    const w = FakeWorker.made[0]!;
    expect(w.sent).toEqual([{ type: 'preview', id: w.sent[0]!.id, steps: [], seed: 1, limit: 1 }]);
    w.reply({ type: 'preview-done', id: w.sent[0]!.id, example, ms: 12 });
    expect(await r.done).toEqual({ ok: true, example, ms: 12 });
    expect(cachedPreview('k1')).toEqual({ ok: true, example, ms: 12 });
    expect(await requestPreview(target('k1')).done).toEqual({ ok: true, example, ms: 12 });
    expect(w.sent).toHaveLength(1);
  });

  it('cancels by ending the worker; the next request starts a fresh one and a late reply is ignored', async () => {
    const slow = requestPreview(target('slow'));
    const first = FakeWorker.made[0]!;
    slow.cancel();
    expect(first.terminated).toBe(true);
    expect(await slow.done).toBeNull();
    const next = requestPreview(target('next'));
    const second = FakeWorker.made[1]!;
    expect(second).not.toBe(first);
    second.reply({ type: 'preview-done', id: first.sent[0]!.id, example, ms: 1 }); // the cancelled one's id
    second.reply({ type: 'preview-failed', id: second.sent[0]!.id, failure: { code: 'missing-data', path: 'scans' } });
    expect(await next.done).toEqual({ ok: false, failure: { code: 'missing-data', path: 'scans' } });
    expect(cachedPreview('next')).toBeUndefined(); // failures are tried again next time
    expect(cachedPreview('slow')).toBeUndefined();
  });

  it('a new request cancels the one in flight', async () => {
    const a = requestPreview(target('a'));
    requestPreview(target('b'));
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(await a.done).toBeNull();
  });

  it('a crashed worker fails the preview in flight', async () => {
    const r = requestPreview(target('c'));
    FakeWorker.made[0]!.onerror?.({ message: 'out of memory', preventDefault() {} });
    expect(await r.done).toEqual({ ok: false, failure: { code: 'failed', message: 'out of memory' } });
  });

  it('forgets kept previews when the datasets page closes (the imported data may have changed)', async () => {
    const r = requestPreview(target('d'));
    const w = FakeWorker.made[0]!;
    w.reply({ type: 'preview-done', id: w.sent[0]!.id, example, ms: 1 });
    await r.done;
    useDatasetsOpen.getState().setOpen(true);
    expect(cachedPreview('d')).toBeDefined();
    useDatasetsOpen.getState().setOpen(false);
    expect(cachedPreview('d')).toBeUndefined();
  });
});
