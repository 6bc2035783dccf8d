import { z } from 'zod';

/** The newest document format version this Jimu writes and reads. */
export const CURRENT_VERSION = 1;
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

/** A pipeline document, version 1: what the editor saves and what `jimu train` runs. */
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
  })
  .meta({ title: 'Jimu pipeline', description: 'A Jimu pipeline document (*.pipeline.json).' });

export type PipelineDocument = z.output<typeof PipelineDocumentSchema>;
export type BlockInstance = z.output<typeof BlockSchema>;
export type Link = z.output<typeof LinkSchema>;
export type PortRef = z.output<typeof PortRefSchema>;
