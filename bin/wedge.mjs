#!/usr/bin/env node
// Wedge runs its TypeScript sources (and the user's TypeScript targets) through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
