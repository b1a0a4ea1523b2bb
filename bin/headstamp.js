#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step), so `npx headstamp` works from a checkout.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
