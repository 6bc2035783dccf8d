import { describe, expect, it } from 'vitest';
import { inferBlock, type BlockDef, type DiagnosticCode, type PortValue, type Shape } from '../../src/core';

export interface InferCase {
  name: string;
  params?: Record<string, unknown>;
  inputs?: Record<string, PortValue | PortValue[] | undefined>;
  /** Expected outputs, matched with toMatchObject; omit when an error is expected. */
  out?: Record<string, unknown>;
  /** Expected diagnostic code. */
  error?: DiagnosticCode;
  /** Expected port of that diagnostic. */
  port?: string;
}

/** A model output tensor as the compiler hands it on: shape plus the block output it comes from. */
export function pred(shape: Shape, block = 'head'): PortValue {
  return { kind: 'tensor', shape, source: { block, port: 'out' } };
}

/**
 * A table of inference cases for one block that is not a layer (loss, optimizer, schedule): each
 * case gives parameters and inputs and expects outputs or a diagnostic with a useful hint, in both languages.
 */
export function inferTable(def: BlockDef, cases: InferCase[]): void {
  describe(`${def.type}: inference`, () => {
    it('has English and Chinese text for the block and every parameter', () => {
      for (const t of [def.label, def.doc]) expect(t.en.length * t.zh.length).toBeGreaterThan(0);
      for (const key of Object.keys(def.params.shape)) {
        const text = def.paramText?.[key];
        expect(text, key).toBeDefined();
        expect(text!.label.en.length * text!.label.zh.length, key).toBeGreaterThan(0);
      }
    });
    it.each(cases)('$name', (c) => {
      const r = inferBlock(def, c.params ?? {}, c.inputs ?? {}, 'b');
      if (c.error) {
        expect(r.outputs).toBeUndefined();
        const d = r.diagnostics.find((x) => x.code === c.error);
        expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
        if (c.port) expect(d!.port).toBe(c.port);
        expect(d!.hint.length).toBeGreaterThan(10);
        return;
      }
      expect(r.diagnostics).toEqual([]);
      expect(r.outputs).toMatchObject(c.out ?? {});
    });
  });
}
