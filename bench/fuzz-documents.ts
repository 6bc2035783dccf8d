/**
 * `npx tsx bench/fuzz-documents.ts [--runs N]` (default 10,000): mutated pipeline documents through
 * parse + compile in-process, seeded; every result must be diagnostics or a plan, never a throw, and
 * Object.prototype must stay as it was. Writes bench/fuzz-results.md (then `npx tsx bench/run.ts
 * --assemble` puts it into BENCHMARKS.md). The quick tier's compile.fuzz.test.ts runs 1,000 of the same.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { REGISTRY } from '../blocks';
import { compile } from '../src/core';
import { applyMutation, checkCompile, mutations } from '../src/core/testing/document-mutations';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10_000;
const seed = 20261204;
const here = (file: string) => new URL(`../${file}`, import.meta.url);
const index = JSON.parse(readFileSync(here('public/templates/index.json'), 'utf8')) as { file: string }[];
const templates = index.map((t) => JSON.parse(readFileSync(here(`public/templates/${t.file}`), 'utf8')) as unknown);
const types = [...REGISTRY.keys()];
const run = (input: unknown) => compile(input, REGISTRY);

// Reference in the same run: the unmutated templates, compiled 20 times each.
const refTimes: number[] = [];
for (let i = 0; i < 20; i++) for (const t of templates) {
  const t0 = performance.now();
  run(t);
  refTimes.push(performance.now() - t0);
}

const kinds = { plan: 0, errors: 0, 'no-plan': 0 };
const codes = new Map<string, number>();
const failures: string[] = [];
const times: number[] = [];
const started = performance.now();
for (const m of fc.sample(mutations(templates.length), { seed, numRuns: runs })) {
  const input = applyMutation(templates, types, m);
  const t0 = performance.now();
  try {
    const o = checkCompile(input, run);
    kinds[o.kind]++;
    for (const c of new Set(o.codes)) codes.set(c, (codes.get(c) ?? 0) + 1);
  } catch (e) {
    failures.push(`${e instanceof Error ? e.message : String(e)} — ${JSON.stringify(m).slice(0, 300)}`);
  }
  times.push(performance.now() - t0);
}
const total = (performance.now() - started) / 1000;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const refMedian = pct(refTimes, 0.5);

const md = [
  '## Hostile input: fuzzed pipeline documents',
  '',
  `Measured by \`bench/fuzz-documents.ts\` on ${new Date().toISOString().slice(0, 16)}Z: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}.`,
  `${runs.toLocaleString('en')} documents (seed ${seed}): one of the ${templates.length} templates with one to four structural edits (hostile values and keys such as`,
  '`__proto__`, `toString`, 100,000-character strings, `<img src=x onerror=alert(1)>`; deleted, duplicated and retyped blocks; links to odd ports),',
  'and about one in four (3 in 11) with damaged text (cut, a stray character, a byte-order mark). Each goes through parse + compile in-process.',
  '',
  '| outcome | documents |',
  '|---|---:|',
  `| refused with error diagnostics | ${kinds.errors.toLocaleString('en')} |`,
  `| still a trainable plan | ${kinds.plan.toLocaleString('en')} |`,
  `| valid, nothing to train | ${kinds['no-plan'].toLocaleString('en')} |`,
  `| **threw, broke a rule, or changed Object.prototype** | **${failures.length}** |`,
  '',
  `Time per document: median ${pct(times, 0.5).toFixed(2)} ms, 99th percentile ${pct(times, 0.99).toFixed(2)} ms, slowest ${Math.max(...times).toFixed(1)} ms`,
  `(reference in the same run: an unmutated template compiles in ${refMedian.toFixed(2)} ms, median; slowest fuzzed document = ${(Math.max(...times) / refMedian).toFixed(0)}× that); ${total.toFixed(1)} s in all.`,
  '',
  'Most frequent diagnostics (documents that got each code at least once):',
  '',
  '| code | documents |',
  '|---|---:|',
  ...[...codes].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([c, n]) => `| ${c} | ${n.toLocaleString('en')} |`),
  '',
  ...(failures.length ? ['Failures:', '', ...failures.slice(0, 10).map((f) => `- ${f}`), ''] : []),
].join('\n');
writeFileSync(here('bench/fuzz-results.md'), md);
console.error(md);
console.error('wrote bench/fuzz-results.md');
if (failures.length) process.exitCode = 1;
