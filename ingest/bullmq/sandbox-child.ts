// Preloaded (`--import`) into every child process BullMQ forks for a sandboxed stage, before
// BullMQ's own child runtime: the child leaves as soon as its worker is gone (SIGKILL, a lost
// machine), whatever it was doing. An orphan would otherwise live on, held by its Redis
// connection, or spinning at full CPU with growing memory: BullMQ's child runtime reports an
// uncaught error to its parent, that report fails, and the failure comes back to the same
// handler as a new uncaught error — a loop of promise jobs that never returns to the event loop,
// so the channel's end is never read and 'disconnect' never comes. The loop is cut at the error.
if (process.send) {
  const worker = process.ppid;
  process.once('disconnect', () => process.exit(1));
  // Registered before BullMQ's handler, so it runs first; with the worker alive it does nothing.
  process.on('uncaughtException', () => {
    if (!process.connected || process.ppid !== worker) process.exit(1);
  });
}
