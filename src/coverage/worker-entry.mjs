// Worker threads start without the parent's TypeScript loader when the CLI registered it by API;
// a user's TypeScript target needs it, and in Wedge's repository the sources are TypeScript.
import { existsSync } from 'node:fs';
import { registerLoaders } from '../target/loaders.mjs';

registerLoaders();
const compiled = new URL('./worker.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('./worker.ts', import.meta.url).href);
