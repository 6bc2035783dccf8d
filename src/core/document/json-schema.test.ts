import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { BLOCKS } from '../../../blocks';
import { pipelineJsonSchema } from './json-schema';
import { parseDocument } from './parse';

const schema = pipelineJsonSchema(BLOCKS);
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

describe('the JSON Schema', () => {
  it('shipped in public/ is the one the block library generates (run `npm run schema` after changing a block)', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../../public/pipeline.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(schema);
  });

  it('names every block type', () => {
    const text = JSON.stringify(schema);
    for (const b of BLOCKS) expect(text).toContain(`"const":"${b.type}"`);
  });

  // An independent validator (Ajv) and Jimu's parser must agree on what is a valid document.
  it.each([
    ['a minimal document', { format: 'jimu.pipeline', version: 3 }, true],
    ['a block with valid params', { format: 'jimu.pipeline', version: 3, blocks: [{ id: 'd', type: 'Dense', params: { units: 4 } }] }, true],
    ['an unknown top-level field', { format: 'jimu.pipeline', version: 3, extra: 1 }, false],
    ['a wrong format', { format: 'other', version: 3 }, false],
    ['a bad block id', { format: 'jimu.pipeline', version: 3, blocks: [{ id: '1 x', type: 'Dense' }] }, false],
    ['a link without a port', { format: 'jimu.pipeline', version: 3, links: [{ from: { block: 'a' }, to: { block: 'b', port: 'in' } }] }, false],
  ])('agrees with the parser on %s', (_name, doc, ok) => {
    expect(validate(doc)).toBe(ok);
    expect(parseDocument(doc).document !== undefined).toBe(ok);
  });

  it('describes the current version; older files are migrated by the parser, not by the schema', () => {
    expect(validate({ format: 'jimu.pipeline', version: 2 })).toBe(false);
    expect(parseDocument({ format: 'jimu.pipeline', version: 2 }).document?.version).toBe(3);
  });

  it('lets a block use a composite defined in the document', () => {
    const doc = {
      format: 'jimu.pipeline',
      version: 3,
      blocks: [{ id: 'm', type: 'MyStage', params: { width: 8 } }],
      composites: { MyStage: { label: 'My stage', params: { width: { default: 4, targets: [{ block: 'c', param: 'filters' }] } }, blocks: [{ id: 'c', type: 'Conv2D' }], inputs: { in: [{ block: 'c', port: 'in' }] }, outputs: { out: { block: 'c', port: 'out' } } } },
    };
    expect(validate(doc)).toBe(true);
    expect(parseDocument(doc).document).toBeDefined();
  });

  it('checks block parameters, which the document parser leaves to the compiler', () => {
    expect(validate({ format: 'jimu.pipeline', version: 2, blocks: [{ id: 'd', type: 'Dense', params: { units: 0 } }] })).toBe(false);
    expect(validate({ format: 'jimu.pipeline', version: 2, blocks: [{ id: 'd', type: 'Dense', params: { unit: 3 } }] })).toBe(false);
  });
});
