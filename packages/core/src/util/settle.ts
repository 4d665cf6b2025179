/**
 * Promise.all that waits for every step to settle before throwing the first failure: a failed
 * import must not end (and be retried elsewhere) while one of its steps is still writing.
 */
export async function allSettledOrThrow<T extends readonly unknown[]>(steps: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(steps);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Marks a promise that is awaited later, so that its failure does not count as unhandled meanwhile. */
export function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}
