import { beforeAll } from 'vitest';
import { tf } from '../tf';
import { spatialDropoutSuite } from '../testing/spatial-dropout-suite';
import { SpatialDropout2D } from './spatial-dropout-2d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

spatialDropoutSuite('SpatialDropout2D', (args) => new SpatialDropout2D(args), [3, 2]);
