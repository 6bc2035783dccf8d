import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The pure core must run in Node, in a worker and in the page: the lint rule is what keeps it so.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layering lint rules', () => {
  it.each([
    ['src/core/x.ts', "import * as tf from '@tensorflow/tfjs';\nexport const a = tf;\n", /Only src\/runtime imports TensorFlow/],
    ['blocks/layers/X.ts', "import { useState } from 'react';\nexport const a = useState;\n", /knows no React/],
    ['src/metrics/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", /DataIO/],
    ['src/data/x.ts', 'export const a = () => document.title;\n', /no DOM/],
    ['src/core/x.ts', "import { train } from '../runtime/train';\nexport const a = train;\n", /must not depend on runtime/],
    // A folder's index (`../store`) is as forbidden as a file inside it.
    ['src/core/x.ts', "import { editorStore } from '../store';\nexport const a = editorStore;\n", /must not depend on runtime, UI, store/],
    ['blocks/layers/X.ts', "import { editorStore } from '../../src/store';\nexport const a = editorStore;\n", /must not depend on runtime, UI, store/],
    ['src/data/x.ts', "import { DatasetsDatabase } from '../storage/datasets-db';\nexport const a = DatasetsDatabase;\n", /must not depend on runtime, UI, store, storage/],
    ['src/metrics/x.ts', "import { boot } from '../app';\nexport const a = boot;\n", /must not depend on runtime, UI, store/],
    // The core is below blocks/, and the document layer below the compiler.
    ['src/core/x.ts', "import { REGISTRY } from '../../blocks';\nexport const a = REGISTRY;\n", /core is below blocks/],
    ['src/core/compiler/x.ts', "import { Conv2D } from '../../../blocks/layers/Conv2D';\nexport const a = Conv2D;\n", /core is below blocks/],
    ['src/core/document/x.ts', "import { compile } from '../compiler';\nexport const a = compile;\n", /document layer is below the compiler/],
    ['src/core/document/x.ts', "import { compile } from '../compiler/compile';\nexport const a = compile;\n", /document layer is below the compiler/],
    // Workers share storage with the page, never the page's editor; storage knows no editor or view.
    ['src/worker/x.ts', "import { editorStore } from '../store';\nexport const a = editorStore;\n", /must not import the page/],
    ['src/worker/x.ts', "import { DatasetsDatabase } from '../store/datasets-db';\nexport const a = DatasetsDatabase;\n", /must not import the page/],
    ['src/storage/x.ts', "import { editorStore } from '../store';\nexport const a = editorStore;\n", /Storage is below the editor store/],
    ['src/storage/x.ts', "import { create } from 'zustand';\nexport const a = create;\n", /Storage knows no view/],
    ['src/storage/x.ts', "import { train } from '../runtime/train';\nexport const a = train;\n", /never their code/],
    ['src/core/x.ts', "import { z } from 'zod';\nexport const a = (z.number() as unknown as { _zod: { def: unknown } })._zod.def;\n", /internals \(_zod\) are private/],
    ['src/store/x.ts', "import { z } from 'zod';\nexport const a = (z.number() as unknown as { _zod: { def: unknown } })._zod.def;\n", /internals \(_zod\) are private/],
  ])('refuses a forbidden import in %s', async (file, code, message) => {
    const found = await problems(code, file);
    expect(found.join('\n')).toMatch(message);
  });

  it('allows the same imports in runtime and UI code', async () => {
    expect(await problems("import * as tf from '@tensorflow/tfjs';\nexport const a = tf;\n", 'src/runtime/x.ts')).toEqual([]);
    expect(await problems("import { useState } from 'react';\nexport const a = useState;\n", 'src/ui/X.tsx')).toEqual([]);
    // The layers below are open to those above them.
    expect(await problems("import { DatasetsDatabase } from '../storage/datasets-db';\nexport const a = DatasetsDatabase;\n", 'src/worker/x.ts')).toEqual([]);
    expect(await problems("import type { EpochRecord } from '../runtime/train-types';\nexport type A = EpochRecord;\n", 'src/storage/x.ts')).toEqual([]);
    expect(await problems("import { parseDocument } from '../document/parse';\nexport const a = parseDocument;\n", 'src/core/compiler/x.ts')).toEqual([]);
    expect(await problems("import { compile } from '../src/core';\nexport const a = compile;\n", 'blocks/x.ts')).toEqual([]);
  });
});
