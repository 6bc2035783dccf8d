import { REGISTRY } from '../../blocks';
import { compile, formatBytes, formatDiagnostic, hasErrors, localize, type Lang } from '../core';
import { readText } from './files';
import { nodeMemoryLimits } from './memory-limits';

/** `jimu validate FILE`: exit 0 when the pipeline can be trained, 1 when it has errors. */
export async function validate(file: string, opts: { json?: boolean; lang?: Lang }, out: (s: string) => void): Promise<number> {
  const text = await readText(file, 'pipeline file');
  const result = compile(text, REGISTRY, { memoryLimits: nodeMemoryLimits() });
  const ok = !hasErrors(result.diagnostics);
  if (opts.json) {
    const lang = opts.lang ?? 'en';
    out(
      JSON.stringify(
        {
          file,
          valid: ok,
          trainable: !!result.plan,
          diagnostics: result.diagnostics.map((d) => ({ ...d, ...localize(d, lang) })),
          cost: { params: result.cost.params, macs: result.cost.macs, trainingBytes: result.cost.trainingBytes, ...(result.cost.memory ? { memory: result.cost.memory } : {}) },
        },
        null,
        2,
      ),
    );
    return ok ? 0 : 1;
  }
  for (const d of result.diagnostics) out(formatDiagnostic(d, opts.lang ?? 'en'));
  if (ok) {
    const c = result.cost;
    const summary = result.plan
      ? `${c.params.toLocaleString('en')} parameters, ${(c.macs / 1e6).toFixed(1)} M multiply-adds per example, about ${formatBytes(c.trainingBytes)} to train`
      : 'no Train block, so nothing to train yet';
    out(`✓ ${file} is valid: ${summary}.`);
  } else {
    const n = result.diagnostics.filter((d) => d.severity === 'error').length;
    out(`✗ ${file} has ${n} error${n === 1 ? '' : 's'}.`);
  }
  return ok ? 0 : 1;
}
