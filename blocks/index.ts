/**
 * The block library: every block Jimu knows, listed explicitly (no directory scanning), so the
 * palette, the compiler, the JSON Schema and the CLI all read the same list.
 */
import { makeRegistry, type BlockDef } from '../src/core';
import ImageInput from './inputs/ImageInput';
import VectorInput from './inputs/VectorInput';
import VolumeInput from './inputs/VolumeInput';
import Dense from './layers/Dense';
import Evaluate from './training/Evaluate';
import Train from './training/Train';

export const BLOCKS: readonly BlockDef[] = [
  // model inputs
  ImageInput,
  VolumeInput,
  VectorInput,
  // layers
  Dense,
  // training and evaluation
  Train,
  Evaluate,
];

export const REGISTRY = makeRegistry(BLOCKS);
