// A forked process starts without the parent's TypeScript loader when the CLI registered it by API.
import { register } from 'tsx/esm/api';

register();
await import('./child.ts');
