/**
 * `npm run bench`: measures, and writes BENCHMARKS.md. Every number sits beside a reference measured
 * in the same run, because this machine is shared and noisy; read the ratios.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { compileBench, trainingBench } from './foundation';

const quick = process.argv.includes('--quick');
const sections: string[] = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}.`,
  'Each table compares with a reference measured in the same run.',
  '',
  '## Foundation',
  '',
  compileBench(),
];
console.error('compile bench done');
sections.push(await trainingBench([{ name: 'wasm', steps: quick ? 5 : 20 }, { name: 'cpu', steps: quick ? 1 : 2 }]));
console.error('training bench done');

// Sections measured by their own scripts (they drive a browser or take long); included as last written.
for (const [title, file] of [
  ['Kernels', 'bench/kernels-results.md'],
  ['Editor', 'bench/editor-results.md'],
] as const) {
  const path = new URL(`../${file}`, import.meta.url);
  if (existsSync(path)) sections.push(`## ${title}`, '', `(from \`${file}\`)`, '', readFileSync(path, 'utf8').replace(/^## .*\n/, ''), '');
}
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), `${sections.join('\n').trim()}\n`);
console.error('wrote BENCHMARKS.md');
