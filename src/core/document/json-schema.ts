import { z } from 'zod';
import type { BlockDef } from '../block';
import { BlockSchema, PipelineDocumentSchema } from './schema';

/**
 * The JSON Schema of a pipeline document, with each block type's parameters spelled out, generated
 * from the same zod schemas the compiler uses — so an editor validating against it agrees with Jimu.
 */
export function pipelineJsonSchema(blocks: readonly BlockDef[]): Record<string, unknown> {
  const variants = blocks.map((def) =>
    BlockSchema.extend({
      type: z.literal(def.type).meta({ description: def.label.en }),
      params: def.params.optional().meta({ description: `Parameters of ${def.label.en}.` }),
    }).meta({ title: def.type, description: def.doc.en }),
  );
  const doc =
    variants.length >= 2
      ? PipelineDocumentSchema.extend({ blocks: z.array(z.discriminatedUnion('type', variants as unknown as [z.ZodObject, z.ZodObject])).optional() })
      : PipelineDocumentSchema;
  const schema = z.toJSONSchema(doc, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  // A block may also use a composite the document defines: any type the library does not have,
  // with free-form params (the compiler checks them against that composite).
  const props = schema.properties as Record<string, { items?: unknown }>;
  if (variants.length >= 2 && props.blocks?.items) {
    const own = z.toJSONSchema(BlockSchema, { io: 'input', target: 'draft-2020-12' }) as { $schema?: string; properties: Record<string, unknown> };
    delete own.$schema;
    own.properties.type = { type: 'string', not: { enum: blocks.map((b) => b.type) }, description: 'A composite block defined in this document\'s "composites".' };
    props.blocks.items = { anyOf: [props.blocks.items, own] };
  }
  return { ...schema, $id: 'https://jimu.dev/schema/pipeline-2.schema.json' };
}
