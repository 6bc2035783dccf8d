import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJimu as run, TEMPLATE_TARGETS, TEMPLATES_DIR as templates, type Scores } from './template-targets';

/**
 * The learning tier (`npm run test:learn`): no speed check, since training time depends on the machine. A
 * medical-task template trains on its synthetic sample data with `jimu train` and must reach the issue's
 * learning target on the held-out test split (never seen in training or validation). `jimu evaluate` then
 * scores the test-split predictions `jimu train` wrote (the same files and code a user would run).
 * One test file per template, so the test runner spreads the templates over the machine's cores.
 */
export function describeTemplateLearns(file: string): void {
  const target = TEMPLATE_TARGETS.find((t) => t.file === file);
  if (!target) throw new Error(`${file} has no learning target in template-targets.ts`);
  describe('a medical template learns its task (jimu train, then jimu evaluate on the held-out test split)', () => {
    it(`${file} reaches ${target.target}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'jimu-templates-'));
      const out = join(dir, file);
      const r = await run('train', join(templates, file), '--data', dir, '--out', out, '--quiet');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { predictions: { split: string; task: string; pred: string; truth: string }[] };
      const p = manifest.predictions[0]!;
      expect(p.split).toBe('test');
      const e = await run('evaluate', '--task', target.task ?? p.task, '--json', ...target.flags, join(out, p.pred), join(out, p.truth));
      expect(e.code, e.err).toBe(0);
      target.check(JSON.parse(e.out) as Scores);
    });
  });
}
