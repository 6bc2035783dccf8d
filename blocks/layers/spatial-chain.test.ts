/**
 * The spatial blocks chained the way a U-Net uses them: every shape the blocks infer must be the one
 * tfjs builds, and the model must train (gradients flow through every layer, the custom 3D layers and
 * Conv3DTranspose included).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inferBlock, toSnake, type BlockDef, type Shape, type TensorValue } from '../../src/core';
import { tf } from '../../src/runtime/tf';
import AveragePooling2D from './AveragePooling2D';
import AveragePooling3D from './AveragePooling3D';
import Conv2D from './Conv2D';
import Conv2DTranspose from './Conv2DTranspose';
import Conv3D from './Conv3D';
import Conv3DTranspose from './Conv3DTranspose';
import Cropping2D from './Cropping2D';
import Cropping3D from './Cropping3D';
import MaxPooling2D from './MaxPooling2D';
import MaxPooling3D from './MaxPooling3D';
import UpSampling2D from './UpSampling2D';
import UpSampling3D from './UpSampling3D';
import ZeroPadding2D from './ZeroPadding2D';
import ZeroPadding3D from './ZeroPadding3D';

type Step = [BlockDef, Record<string, unknown>, Shape];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Infers each step's shape, checks it, and builds the Keras JSON of the chain from the blocks' lowerings. */
function chain(input: Shape, steps: Step[]): Promise<tf.LayersModel> {
  let shape = input;
  const layers: unknown[] = [
    { name: 'x', class_name: 'InputLayer', config: { batch_input_shape: input, dtype: 'float32', sparse: false, name: 'x' }, inbound_nodes: [] },
  ];
  steps.forEach(([def, params, expected], i) => {
    const r = inferBlock(def, params, { in: { kind: 'tensor', shape } }, `s${i}`);
    expect(r.diagnostics, def.type).toEqual([]);
    const out = (r.outputs!['out'] as TensorValue).shape;
    expect(out, def.type).toEqual(expected);
    const lowered = def.lower!(r.params, { seed: i + 1, inputShapes: [shape], outputShape: out });
    const prev = i === 0 ? 'x' : `s${i - 1}`;
    layers.push({ name: `s${i}`, class_name: lowered.className, config: toSnake({ ...lowered.config, name: `s${i}` }), inbound_nodes: [[[prev, 0, 0, {}]]] });
    shape = out;
  });
  const topology = {
    class_name: 'Model',
    config: { name: 'chain', layers, input_layers: [['x', 0, 0]], output_layers: [[`s${steps.length - 1}`, 0, 0]] },
  };
  return tf.models.modelFromJSON({ modelTopology: topology } as unknown as tf.io.ModelJSON);
}

async function trainsOneStep(model: tf.LayersModel, input: Shape): Promise<void> {
  const batch = [2, ...input.slice(1).map((d) => d!)];
  const out = [2, ...model.outputs[0]!.shape.slice(1).map((d) => d!)];
  const x = tf.randomUniform(batch, 0, 1, 'float32', 1);
  const y = tf.randomUniform(out, 0, 1, 'float32', 2);
  const before = model.trainableWeights.map((w) => w.read().dataSync().slice());
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
  const history = await model.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0 });
  expect(Number.isFinite(history.history['loss']![0] as number)).toBe(true);
  model.trainableWeights.forEach((w, i) => expect(Array.from(w.read().dataSync()), w.name).not.toEqual(Array.from(before[i]!)));
  tf.dispose([x, y]);
  model.dispose();
}

describe('spatial blocks in a chain', () => {
  it('a small 2D encoder–decoder builds and trains', async () => {
    const input: Shape = [null, 7, 7, 1];
    const model = await chain(input, [
      [ZeroPadding2D, { padding: 1 }, [null, 9, 9, 1]],
      [Conv2D, { filters: 4, strides: 2, activation: 'relu' }, [null, 5, 5, 4]],
      [MaxPooling2D, { padding: 'same' }, [null, 3, 3, 4]],
      [AveragePooling2D, { poolSize: 2, strides: 1 }, [null, 2, 2, 4]],
      [Conv2DTranspose, { filters: 2, kernelSize: 3, strides: 2, padding: 'valid' }, [null, 5, 5, 2]],
      [UpSampling2D, { size: [2, 2], interpolation: 'bilinear' }, [null, 10, 10, 2]],
      [Cropping2D, { cropping: [[1, 2], [2, 1]] }, [null, 7, 7, 2]],
    ]);
    await trainsOneStep(model, input);
  });

  it('a small 3D encoder–decoder builds and trains', async () => {
    const input: Shape = [null, 5, 6, 6, 1];
    const model = await chain(input, [
      [ZeroPadding3D, { padding: [[0, 1], [1, 1], [1, 1]] }, [null, 6, 8, 8, 1]],
      [Conv3D, { filters: 2, activation: 'relu' }, [null, 6, 8, 8, 2]],
      [MaxPooling3D, {}, [null, 3, 4, 4, 2]],
      [AveragePooling3D, { poolSize: [1, 2, 2] }, [null, 3, 2, 2, 2]],
      [Conv3DTranspose, { filters: 2 }, [null, 6, 4, 4, 2]],
      [UpSampling3D, { size: [1, 2, 2] }, [null, 6, 8, 8, 2]],
      [Cropping3D, { cropping: [[0, 1], [1, 1], [1, 1]] }, [null, 5, 6, 6, 2]],
    ]);
    await trainsOneStep(model, input);
  });
});
