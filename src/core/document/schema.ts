import { z } from 'zod';

/** The newest document format version this Jimu writes and reads. */
export const CURRENT_VERSION = 3;
export const FORMAT = 'jimu.pipeline';

/** The longest name (block type, port, parameter, map key) a document may use. */
export const MAX_NAME = 64;

/**
 * A name a document uses as a key or to look something up. Bounded, so that no search over names
 * (such as "did you mean") runs on a megabyte of text, and never `__proto__`, which a JavaScript
 * object cannot hold as an ordinary key.
 */
const name = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(MAX_NAME, `${what} must be at most ${MAX_NAME} characters`)
    .refine((s) => s !== '__proto__', `${what} cannot be "__proto__"`);

const id = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'must start with a letter or _ and use only letters, digits, _ and - (at most 64)')
  .refine((s) => s !== '__proto__', 'cannot be "__proto__"');

export const PortRefSchema = z.strictObject({
  block: id.meta({ description: 'Id of the block.' }),
  port: name('a port name').meta({ description: 'Name of the port on that block.' }),
});

export const BlockSchema = z.strictObject({
  id: id.meta({ description: 'Unique id of the block in this document.' }),
  type: name('a block type').meta({ description: 'Block type, from the block library (`jimu blocks`).' }),
  params: z.record(name('a parameter name'), z.unknown()).default({}).meta({ description: 'Parameters; unset ones take their defaults.' }),
  name: z.string().max(200).optional().meta({ description: 'A name the user gave this block.' }),
  version: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .meta({ description: 'Version of the block type its parameters were written for (absent: 1); older ones are migrated on open.' }),
});

export const LinkSchema = z.strictObject({
  from: PortRefSchema.meta({ description: 'An output port.' }),
  to: PortRefSchema.meta({ description: 'An input port.' }),
});

export const PositionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

export const MetaSchema = z.strictObject({
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42).meta({ description: 'Seed for initial weights, shuffling and splits.' }),
  created: z.string().max(100).optional(),
  modified: z.string().max(100).optional(),
  jimu: z.string().max(100).optional().meta({ description: 'Version of Jimu that wrote the file.' }),
});

const paramValue = z.union([z.number(), z.boolean(), z.string(), z.array(z.number()), z.null()]);

/** One parameter a composite exposes: its default, and the inner parameters it sets. */
export const ExposedParamSchema = z.strictObject({
  default: paramValue,
  targets: z.array(z.strictObject({ block: id, param: name('a parameter name') })).min(1),
  label: z.string().max(200).optional(),
});

/**
 * A composite block the user made: a sub-graph in this document's own format, with chosen inner
 * parameters exposed. Blocks of this document use it by its `type` name, like a library block.
 */
export const CompositeDefSchema = z.strictObject({
  label: z.string().min(1).max(200),
  description: z.string().max(10_000).default(''),
  params: z.record(name('a parameter name').regex(/^[A-Za-z_][A-Za-z0-9_]*$/), ExposedParamSchema).default({}),
  blocks: z.array(BlockSchema).min(1),
  links: z.array(LinkSchema).default([]),
  inputs: z.record(name('a port name'), z.array(PortRefSchema).min(1)).default({}),
  outputs: z.record(name('a port name'), PortRefSchema).default({}),
  layout: z.record(id, PositionSchema).default({}),
});

/** A text in each language the interface speaks; an empty one shows the other language's. */
export const DescriptionSchema = z.strictObject({
  en: z.string().max(10_000).default('').meta({ description: 'In English.' }),
  zh: z.string().max(10_000).default('').meta({ description: 'In Simplified Chinese (简体中文).' }),
});

/** A pipeline document, version 3: what the editor saves and what `jimu train` runs. */
export const PipelineDocumentSchema = z
  .strictObject({
    $schema: z.string().max(1000).optional(),
    format: z.literal(FORMAT),
    version: z.literal(CURRENT_VERSION),
    name: z.string().max(200).default('Untitled pipeline'),
    description: DescriptionSchema.default({ en: '', zh: '' }).meta({ description: 'What the pipeline is for, per language.' }),
    blocks: z.array(BlockSchema).default([]),
    links: z.array(LinkSchema).default([]),
    layout: z.record(id, PositionSchema).default({}).meta({ description: 'Canvas positions by block id; no meaning for training.' }),
    meta: MetaSchema.default({ seed: 42 }),
    composites: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a name of letters, digits and _').refine((s) => s !== '__proto__', 'cannot be "__proto__"'), CompositeDefSchema)
      .default({})
      .meta({ description: 'Composite blocks made in this document, by type name.' }),
  })
  .meta({ title: 'Jimu pipeline', description: 'A Jimu pipeline document (*.pipeline.json).' });

export type PipelineDocument = z.output<typeof PipelineDocumentSchema>;
export type BlockInstance = z.output<typeof BlockSchema>;
export type Link = z.output<typeof LinkSchema>;
export type PortRef = z.output<typeof PortRefSchema>;
export type CompositeDef = z.output<typeof CompositeDefSchema>;
