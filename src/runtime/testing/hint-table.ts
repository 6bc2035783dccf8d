import { describe, expect, it } from 'vitest';
import { inferBlock, localize, type BlockDef, type DiagnosticCode, type PortValue, type Shape } from '../../core';

export interface HintCase {
  name: string;
  params?: Record<string, unknown>;
  inputs: Shape[];
  code: DiagnosticCode;
  /** Text the English message must contain. */
  message: string;
  /** Text the English hint must contain. */
  hint: string;
}

/**
 * What a user reads when a block cannot work: the diagnostic's message and hint, in English, and a
 * Chinese rendering with every placeholder filled.
 */
export function hintTable(def: BlockDef, cases: HintCase[]): void {
  describe(`${def.type}: messages`, () => {
    it.each(cases)('$name', (c) => {
      const multiple = def.inputs.in?.multiple === true;
      const values: PortValue[] = c.inputs.map((shape) => ({ kind: 'tensor', shape }));
      const result = inferBlock(def, c.params ?? {}, { in: multiple ? values : values[0] });
      const d = result.diagnostics.find((x) => x.code === c.code);
      expect(d, JSON.stringify(result.diagnostics)).toBeDefined();
      expect(d!.message).toContain(c.message);
      expect(d!.hint).toContain(c.hint);
      const zh = localize(d!, 'zh');
      expect(`${zh.message} ${zh.hint}`).not.toMatch(/\{\w+\}|undefined|\[object/);
      expect(zh.hint).toMatch(/[\u4e00-\u9fff]/);
    });
  });
}
