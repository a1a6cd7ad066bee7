// A forked process starts without the parent's TypeScript loader when the CLI registered it by API.
// Wedge's own code needs no loader in the package (dist/ holds compiled child.js); a user's
// TypeScript target does, and in Wedge's repository the sources are TypeScript.
import { existsSync } from 'node:fs';
import { registerLoaders } from '../target/loaders.mjs';

registerLoaders();
const compiled = new URL('./child.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('./child.ts', import.meta.url).href);
