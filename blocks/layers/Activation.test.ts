import { expect, it } from 'vitest';
import Activation, { ACTIVATION_FUNCTIONS } from './Activation';
import { shapeTable } from '../../src/runtime/testing/shape-table';

shapeTable(Activation, [
  ...ACTIVATION_FUNCTIONS.map((activation) => ({ name: `${activation} keeps the shape`, params: { activation }, inputs: [[null, 8, 8, 4]], out: [null, 8, 8, 4] })),
  { name: 'leaky_relu with a slope', params: { activation: 'leaky_relu', alpha: 0.1 }, inputs: [[null, 4, 8, 8, 2]], out: [null, 4, 8, 8, 2] },
  { name: 'softmax over classes', params: { activation: 'softmax' }, inputs: [[null, 5]], out: [null, 5] },
  { name: 'an unknown function', params: { activation: 'relu6' }, inputs: [[null, 5]], error: 'J102' },
  { name: 'a negative slope', params: { activation: 'leaky_relu', alpha: -0.2 }, inputs: [[null, 5]], error: 'J102' },
]);

it('Activation: leaky_relu becomes a LeakyReLU layer, the others an Activation layer', () => {
  const ctx = { seed: 1, inputShapes: [[null, 4]], outputShape: [null, 4] };
  expect(Activation.lower!({ activation: 'leaky_relu', alpha: 0.2 }, ctx)).toEqual({ className: 'LeakyReLU', config: { alpha: 0.2 } });
  expect(Activation.lower!({ activation: 'gelu', alpha: 0.3 }, ctx)).toEqual({ className: 'Activation', config: { activation: 'gelu' } });
});
