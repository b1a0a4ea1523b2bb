#!/usr/bin/env node
// Runs the compiled command line (scripts/build-cli.js), compiling it first when the sources
// changed since the last build, so `npx headstamp` works from a checkout.
import { pathToFileURL } from 'node:url';
import { compiledCli } from '../scripts/build-cli.js';

// Stack traces name the TypeScript sources, not the bundle.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(await compiledCli()).href);
