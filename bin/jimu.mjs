#!/usr/bin/env node
// The `jimu` command. Jimu's sources are TypeScript; tsx compiles them on the fly so the CLI, the
// tests and the app all run the same files without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
