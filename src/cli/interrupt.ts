/**
 * First Ctrl-C asks the campaign to stop (writes in flight finish, the summary prints, exit 130);
 * a second one exits at once.
 */
export function onInterrupt(): { requested: Promise<void>; wasRequested(): boolean; dispose(): void } {
  let fired = false;
  let resolve!: () => void;
  const requested = new Promise<void>((r) => (resolve = r));
  const handler = () => {
    if (fired) process.exit(130);
    fired = true;
    process.stderr.write('\nstopping (Ctrl-C again to quit at once)…\n');
    resolve();
  };
  process.on('SIGINT', handler);
  return { requested, wasRequested: () => fired, dispose: () => process.off('SIGINT', handler) };
}
