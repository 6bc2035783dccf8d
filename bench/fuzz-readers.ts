/**
 * `npx tsx bench/fuzz-readers.ts [--runs N]` (default 10,000 per format): mutated files through the
 * readers (NIfTI-1, NIfTI-2, .nii.gz, DICOM uncompressed and compressed, PNG, JPEG, CSV label tables),
 * seeded; every outcome must be a result or the reader's typed error, never another exception. Writes
 * bench/fuzz-readers-results.md (then `npx tsx bench/run.ts --assemble` puts it into BENCHMARKS.md). The
 * quick tier's src/data/readers.fuzz.test.ts runs 150 of each.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileMutation, mutateBytes } from '../src/data/testing/file-mutations';
import { fuzzRead, readerFormats } from '../src/data/testing/reader-formats';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10_000;
const seed = 20261204;
const here = (file: string) => new URL(`../${file}`, import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(here(`src/data/fixtures/medical/${name}`)));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
// Heap and array buffers: what a read holds while its result is alive (sampled right after it returns).
const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

interface Row { name: string; inputs: number; read: number; typed: number; failed: string[]; medianMs: number; slowestMs: number; slowest: string; maxHeld: number; maxHeldCase: string; rssGrowth: number; seconds: number }
const rows: Row[] = [];
const codes = new Map<string, Map<string, number>>();
const started = performance.now();
for (const format of readerFormats(fixture)) {
  (globalThis as { gc?: () => void }).gc?.();
  const rss0 = process.memoryUsage.rss();
  const row: Row = { name: format.name, inputs: 0, read: 0, typed: 0, failed: [], medianMs: 0, slowestMs: 0, slowest: '', maxHeld: 0, maxHeldCase: '', rssGrowth: 0, seconds: 0 };
  const times: number[] = [];
  const byCode = new Map<string, number>();
  // Warm up: read each seed once, so a codec's first load is not counted as a slow case.
  for (const [i, s] of format.seeds.entries()) await fuzzRead(format, s, i);
  const t00 = performance.now();
  for (const m of fc.sample(fileMutation(format.seeds.length), { seed, numRuns: runs })) {
    const bytes = mutateBytes(format.seeds[m.seed]!, m.edits);
    const before = held();
    const t0 = performance.now();
    const o = await fuzzRead(format, bytes, m.seed);
    const ms = performance.now() - t0;
    const extra = held() - before;
    row.inputs++;
    times.push(ms);
    const what = `${bytes.length} bytes, ${JSON.stringify(m.edits).slice(0, 160)}`;
    if (ms > row.slowestMs) [row.slowestMs, row.slowest] = [ms, `${o.kind === 'typed' ? `typed error “${o.error.message.slice(0, 80)}”` : o.kind}; ${what}`];
    if (extra > row.maxHeld) [row.maxHeld, row.maxHeldCase] = [extra, o.kind];
    if (o.kind === 'read') row.read++;
    else if (o.kind === 'typed') {
      row.typed++;
      const code = (o.error as { code?: string }).code ?? o.error.message.replace(/"[^"]*"/g, '…').replace(/\d+/g, 'N').slice(0, 60);
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
    } else row.failed.push(`${o.error instanceof Error ? `${o.error.name}: ${o.error.message}` : String(o.error)} — ${what}`);
  }
  row.seconds = (performance.now() - t00) / 1000;
  row.rssGrowth = Math.max(0, process.memoryUsage.rss() - rss0);
  row.medianMs = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  rows.push(row);
  codes.set(format.name, byCode);
  console.error(`${format.name}: ${row.read} read, ${row.typed} typed, ${row.failed.length} failed, slowest ${row.slowestMs.toFixed(1)} ms, ${row.seconds.toFixed(1)} s`);
}
const total = (performance.now() - started) / 1000;
const failures = rows.flatMap((r) => r.failed.map((f) => `${r.name}: ${f}`));

const md = [
  '## Hostile input: fuzzed files through the readers',
  '',
  `Measured by \`bench/fuzz-readers.ts\` on ${new Date().toISOString().slice(0, 16)}Z: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}.`,
  `${runs.toLocaleString('en')} files per format (seed ${seed}): one of the format's seed files with one to six edits (a byte set, a 32-bit`,
  'field set to 0, −1, 2³¹−1, NaN, ∞ or a header size, a cut, an inserted byte, an inserted token such as a quote, a delimiter, a',
  'byte-order mark or `1e309`, a run of bytes repeated). Each goes through the reader the app and the CLI use (`readVolume`,',
  '`decodeImage`, `parseLabelTable`); every outcome must be a result or the reader\'s typed error with a hint.',
  '',
  '| format | inputs | read | typed errors | **other exceptions** | median | slowest case | most memory held after one read | RSS growth over the format |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.name} | ${r.inputs.toLocaleString('en')} | ${r.read.toLocaleString('en')} | ${r.typed.toLocaleString('en')} | **${r.failed.length}** | ${r.medianMs.toFixed(2)} ms | ${r.slowestMs.toFixed(1)} ms | ${mib(r.maxHeld)} (${r.maxHeldCase}) | ${mib(r.rssGrowth)} |`),
  '',
  `${total.toFixed(0)} s in all. “Most memory held” is heap plus array buffers right after one read returns, against just before it (the`,
  'result still alive; garbage not yet collected counts too, so it is an upper bound for what the read kept).',
  '',
  'Slowest case of each format:',
  '',
  ...rows.map((r) => `- ${r.name}: ${r.slowestMs.toFixed(1)} ms — ${r.slowest.replace(/\|/g, '\\|')}`),
  '',
  'Most frequent typed errors per format:',
  '',
  ...rows.map((r) => `- ${r.name}: ${[...codes.get(r.name)!].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([c, n]) => `${c} ${n.toLocaleString('en')}`).join(', ')}`),
  '',
  ...(failures.length ? ['Failures:', '', ...failures.slice(0, 20).map((f) => `- ${f}`), ''] : []),
].join('\n');
writeFileSync(here('bench/fuzz-readers-results.md'), md);
console.error(md);
console.error('wrote bench/fuzz-readers-results.md');
if (failures.length) process.exitCode = 1;
