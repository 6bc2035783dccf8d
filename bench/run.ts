/**
 * `npm run bench`: measures, then writes BENCHMARKS.md. Every number sits beside a reference measured
 * in the same run, because this machine is shared and noisy; read the ratios.
 *
 * Each part writes its own bench/*-results.md (some drive a browser or take long and have their own
 * scripts); BENCHMARKS.md is assembled from those. `--assemble` only re-assembles.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const here = (file: string) => new URL(`../${file}`, import.meta.url);

if (!process.argv.includes('--assemble')) {
  const { compileBench, trainingBench } = await import('./foundation');
  const quick = process.argv.includes('--quick');
  const md = [
    '## Foundation',
    '',
    `Measured by \`bench/run.ts\` on ${new Date().toISOString().slice(0, 16)}Z: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}.`,
    '',
    compileBench(),
    await trainingBench([{ name: 'wasm', steps: quick ? 5 : 20 }, { name: 'cpu', steps: quick ? 1 : 2 }]),
  ].join('\n');
  writeFileSync(here('bench/foundation-results.md'), md);
  console.error('wrote bench/foundation-results.md');
}

const sections: string[] = ['# Benchmarks', '', 'Each table compares with a reference measured in the same run. Regenerate with `npm run bench`', '(foundation and kernels) and `npm run bench:editor`; the browser-worker, NIfTI and template parts have their own scripts in bench/.', ''];
for (const [title, file] of [
  ['Foundation: compile and training throughput', 'bench/foundation-results.md'],
  ['Kernels: training on the CPU against PyTorch', 'bench/kernels-results.md'],
  ['Editor', 'bench/editor-results.md'],
  ['Training in the browser worker', 'bench/worker-results.md'],
  ['Reading NIfTI', 'bench/nifti-results.md'],
  ['The five medical tasks', 'bench/templates-results.md'],
  ['Hostile input: fuzzed documents', 'bench/fuzz-results.md'],
  ['Hostile input: fuzzed files through the readers', 'bench/fuzz-readers-results.md'],
  ['Memory: estimate against measured peak', 'bench/memory-results.md'],
  ['Datasets larger than memory', 'bench/lazy-results.md'],
  ['Sliding-window inference of a whole volume', 'bench/sliding-window-results.md'],
  ['Export to PyTorch', 'bench/export-results.md'],
  ['Training on a GPU (PyTorch export)', 'bench/gpu-results.md'],
] as const) {
  if (!existsSync(here(file))) continue;
  // Drop the file's own title and nest its headings under this section's.
  const body = readFileSync(here(file), 'utf8').replace(/^#{1,2} .*\n/, '').replace(/^(#+) /gm, '#$1 ');
  sections.push(`## ${title}`, '', `(from \`${file}\`)`, '', body.trim(), '');
}
writeFileSync(here('BENCHMARKS.md'), `${sections.join('\n').trim()}\n`);
console.error('wrote BENCHMARKS.md');
