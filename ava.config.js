export default {
  files: ['test/**/*.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  // Child processes, not worker threads: tests start worker threads and module hooks of their own.
  workerThreads: false,
  timeout: '120s',
};
