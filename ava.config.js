export default {
  files: ['test/**/*.test.ts'],
  extensions: { ts: 'module' },
  // `wedge` imported by name (fixture projects link it to this repository) resolves to src/,
  // not to the compiled dist/ of the package (see package.json exports).
  nodeArguments: ['--import=tsx', '--conditions=wedge-source'],
  // Child processes, not worker threads: tests start worker threads and module hooks of their own.
  workerThreads: false,
  timeout: '120s',
};
