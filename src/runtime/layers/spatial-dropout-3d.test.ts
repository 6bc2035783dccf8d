import { beforeAll } from 'vitest';
import { tf } from '../tf';
import { spatialDropoutSuite } from '../testing/spatial-dropout-suite';
import { SpatialDropout3D } from './spatial-dropout-3d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

spatialDropoutSuite('SpatialDropout3D', (args) => new SpatialDropout3D(args), [2, 3, 2]);
