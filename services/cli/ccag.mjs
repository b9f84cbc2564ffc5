#!/usr/bin/env node
// The `ccag` command. Runs the TypeScript sources through tsx, so it works straight after
// `npm ci` with no build step.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./main.ts', import.meta.url);
const code = await main(process.argv);
// Let buffered output reach a pipe before exiting; open handles (a gRPC channel, a timer)
// must not keep a finished command alive.
await new Promise((resolve) => process.stdout.write('', resolve));
await new Promise((resolve) => process.stderr.write('', resolve));
process.exit(code);
