/** Writes public/pipeline.schema.json from the block library (run by `npm start` and `npm run build`). */
import { writeFileSync } from 'node:fs';
import { BLOCKS } from '../blocks';
import { pipelineJsonSchema } from '../src/core/document/json-schema';

const path = new URL('../public/pipeline.schema.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(pipelineJsonSchema(BLOCKS), null, 2)}\n`);
console.log(`wrote ${path.pathname}`);
