import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../blocks';
import { applyMutation, checkCompile, mutations } from '../testing/document-mutations';
import { compile } from './compile';

// The quick tier runs 1,000 mutated documents; `npx tsx bench/fuzz-documents.ts` runs 10,000 and more
// and records the counts in BENCHMARKS.md.
const index = JSON.parse(readFileSync(new URL('../../../public/templates/index.json', import.meta.url), 'utf8')) as { file: string }[];
const templates = index.map((t) => JSON.parse(readFileSync(new URL(`../../../public/templates/${t.file}`, import.meta.url), 'utf8')) as unknown);
const types = [...REGISTRY.keys()];
const run = (input: unknown) => compile(input, REGISTRY);

describe('parse + compile on mutated documents', () => {
  it('every template compiles to a plan before mutation', () => {
    expect(templates.length).toBeGreaterThanOrEqual(6);
    for (const t of templates) expect(checkCompile(t, run).kind).toBe('plan');
  });

  it('1,000 seeded mutations: diagnostics or a plan, never a throw, Object.prototype untouched', () => {
    const kinds = { plan: 0, errors: 0, 'no-plan': 0 };
    fc.assert(
      fc.property(mutations(templates.length), (m) => {
        kinds[checkCompile(applyMutation(templates, types, m), run).kind]++;
      }),
      { seed: 20261204, numRuns: 1000 },
    );
    // The mutations reach both sides: some documents still train, most are refused.
    expect(kinds.plan).toBeGreaterThan(20);
    expect(kinds.errors).toBeGreaterThan(500);
  });
});
