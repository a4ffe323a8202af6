/**
 * Signal handling for long-running commands (serve): the first SIGINT or SIGTERM asks for a
 * clean stop; a second one, or a stop that hangs, ends the process at once so a user is
 * never left with a terminal that ignores Ctrl-C.
 */

export type StopSignal = 'SIGINT' | 'SIGTERM';
const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** How long a clean stop may take (wall time) before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 15_000;

/**
 * Resolves with the first stop signal received, or with what `work` resolves to if it ends
 * first; rejects if `work` fails. Its signal handlers are gone once it has settled.
 */
export function untilSignal<T>(work: Promise<T>): Promise<T | StopSignal> {
  return new Promise<T | StopSignal>((resolve, reject) => {
    const handlers = new Map<StopSignal, () => void>();
    const finish = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    for (const signal of SIGNALS) {
      const handler = () => (finish(), resolve(signal));
      handlers.set(signal, handler);
      process.once(signal, handler);
    }
    work.then(
      (value) => (finish(), resolve(value)),
      (error: unknown) => (finish(), reject(error)),
    );
  });
}

/**
 * Guards a clean stop: a further SIGINT/SIGTERM, or the stop taking longer than `graceMs`,
 * exits the process with code 1. Returns the function that disarms the guard once the stop
 * has finished (so a caller that lives on, such as a test calling main(), is never killed).
 */
export function guardShutdown(graceMs = SHUTDOWN_GRACE_MS): () => void {
  const force = (why: string) => {
    console.error(`smarthome-sim: ${why}; exiting without a clean stop`);
    process.exit(1);
  };
  const handlers = SIGNALS.map((signal) => [signal, () => force(`second ${signal}`)] as const);
  for (const [signal, handler] of handlers) process.once(signal, handler);
  // unref'd so it never keeps a finished process alive.
  const timer = setTimeout(() => force(`stopping took longer than ${graceMs / 1000} s`), graceMs).unref(); // wall-clock timer: live shutdown only
  return () => {
    clearTimeout(timer);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
