#!/usr/bin/env node
// The installed package runs the compiled CLI from dist/; Wedge's own repository (where src/ is)
// runs its TypeScript sources through tsx. Either way the loaders for the user's code come first.
import { existsSync } from 'node:fs';

const fromSource = existsSync(new URL('../src/cli/main.ts', import.meta.url));
const root = new URL(fromSource ? '../src/' : '../dist/', import.meta.url);
const { registerLoaders } = await import(new URL('target/loaders.mjs', root).href);
registerLoaders();
await import(new URL(fromSource ? 'cli/main.ts' : 'cli/main.js', root).href);
