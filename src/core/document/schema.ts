import { z } from 'zod';

/** The newest document format version this Jimu writes and reads. */
export const CURRENT_VERSION = 2;
export const FORMAT = 'jimu.pipeline';

const id = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'must start with a letter or _ and use only letters, digits, _ and - (at most 64)');

export const PortRefSchema = z.strictObject({
  block: id.meta({ description: 'Id of the block.' }),
  port: z.string().min(1).meta({ description: 'Name of the port on that block.' }),
});

export const BlockSchema = z.strictObject({
  id: id.meta({ description: 'Unique id of the block in this document.' }),
  type: z.string().min(1).meta({ description: 'Block type, from the block library (`jimu blocks`).' }),
  params: z.record(z.string(), z.unknown()).default({}).meta({ description: 'Parameters; unset ones take their defaults.' }),
  name: z.string().max(200).optional().meta({ description: 'A name the user gave this block.' }),
});

export const LinkSchema = z.strictObject({
  from: PortRefSchema.meta({ description: 'An output port.' }),
  to: PortRefSchema.meta({ description: 'An input port.' }),
});

export const PositionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

export const MetaSchema = z.strictObject({
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42).meta({ description: 'Seed for initial weights, shuffling and splits.' }),
  created: z.string().optional(),
  modified: z.string().optional(),
  jimu: z.string().optional().meta({ description: 'Version of Jimu that wrote the file.' }),
});

const paramValue = z.union([z.number(), z.boolean(), z.string(), z.array(z.number()), z.null()]);

/** One parameter a composite exposes: its default, and the inner parameters it sets. */
export const ExposedParamSchema = z.strictObject({
  default: paramValue,
  targets: z.array(z.strictObject({ block: id, param: z.string().min(1) })).min(1),
  label: z.string().max(200).optional(),
});

/**
 * A composite block the user made: a sub-graph in this document's own format, with chosen inner
 * parameters exposed. Blocks of this document use it by its `type` name, like a library block.
 */
export const CompositeDefSchema = z.strictObject({
  label: z.string().min(1).max(200),
  description: z.string().max(10_000).default(''),
  params: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), ExposedParamSchema).default({}),
  blocks: z.array(BlockSchema).min(1),
  links: z.array(LinkSchema).default([]),
  inputs: z.record(z.string().min(1), z.array(PortRefSchema).min(1)).default({}),
  outputs: z.record(z.string().min(1), PortRefSchema).default({}),
  layout: z.record(z.string(), PositionSchema).default({}),
});

/** A pipeline document, version 2: what the editor saves and what `jimu train` runs. */
export const PipelineDocumentSchema = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(FORMAT),
    version: z.literal(CURRENT_VERSION),
    name: z.string().max(200).default('Untitled pipeline'),
    description: z.string().max(10_000).default(''),
    blocks: z.array(BlockSchema).default([]),
    links: z.array(LinkSchema).default([]),
    layout: z.record(z.string(), PositionSchema).default({}).meta({ description: 'Canvas positions by block id; no meaning for training.' }),
    meta: MetaSchema.default({ seed: 42 }),
    composites: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a name of letters, digits and _'), CompositeDefSchema)
      .default({})
      .meta({ description: 'Composite blocks made in this document, by type name.' }),
  })
  .meta({ title: 'Jimu pipeline', description: 'A Jimu pipeline document (*.pipeline.json).' });

export type PipelineDocument = z.output<typeof PipelineDocumentSchema>;
export type BlockInstance = z.output<typeof BlockSchema>;
export type Link = z.output<typeof LinkSchema>;
export type PortRef = z.output<typeof PortRefSchema>;
export type CompositeDef = z.output<typeof CompositeDefSchema>;
