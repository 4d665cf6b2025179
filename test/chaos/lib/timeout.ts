/**
 * `fn(signal)` with a signal that aborts after `ms`; the timer is unref'd and cleared as soon as
 * `fn` is done, so no timer of a finished request is left behind when the run ends.
 */
export async function withTimeout<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms);
  timer.unref();
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
