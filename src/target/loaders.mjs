// The module loaders the user's code runs under, registered by the CLI, each fuzz worker thread
// and each measurement process before anything of the user's loads. Wedge's own code needs none
// from dist/; a TypeScript target or module does, and tsx is installed with Wedge for it.
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

export function registerLoaders() {
  // Both halves, as `node --import tsx` has them: a .ts file in a CommonJS package, or a .cts
  // file, runs as CommonJS, loaded by require(), which the ES module hooks alone do not reach.
  registerCjs();
  registerEsm();
}
