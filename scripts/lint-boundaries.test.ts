import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The pure core must run in Node, in a worker and in the page: the lint rule is what keeps it so.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the pure-core lint rule', () => {
  it.each([
    ['src/core/x.ts', "import * as tf from '@tensorflow/tfjs';\nexport const a = tf;\n", /Only src\/runtime imports TensorFlow/],
    ['blocks/layers/X.ts', "import { useState } from 'react';\nexport const a = useState;\n", /knows no React/],
    ['src/metrics/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", /DataIO/],
    ['src/data/x.ts', 'export const a = () => document.title;\n', /no DOM/],
    ['src/core/x.ts', "import { train } from '../runtime/train';\nexport const a = train;\n", /must not depend on runtime/],
  ])('refuses a forbidden import in %s', async (file, code, message) => {
    const found = await problems(code, file);
    expect(found.join('\n')).toMatch(message);
  });

  it('allows the same imports in runtime and UI code', async () => {
    expect(await problems("import * as tf from '@tensorflow/tfjs';\nexport const a = tf;\n", 'src/runtime/x.ts')).toEqual([]);
    expect(await problems("import { useState } from 'react';\nexport const a = useState;\n", 'src/ui/X.tsx')).toEqual([]);
  });
});
