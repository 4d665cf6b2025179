/**
 * Every Redis key the service writes, in one place. On a Redis Cluster the keys one command or
 * script uses together share a hash tag (`{…}`), so they are in one slot:
 * - BullMQ's keys: the queue prefix `{<KEY_PREFIX>}` puts the whole queue in one slot;
 * - an import's status and upload (written in one MULTI): `{<importID>}`, so imports spread over
 *   the cluster's masters;
 * - a user's lease and unfinished-import hash (one script): `{<userID>}`.
 * KEY_PREFIX itself has no braces (the configuration refuses them).
 */
export const keys = {
  /** BullMQ's `prefix` option: its keys are `{<KEY_PREFIX>}:score-import:…` */
  queuePrefix: (prefix: string) => `{${prefix}}`,
  status: (prefix: string, importID: string) => `${prefix}:import:{${importID}}:status`,
  input: (prefix: string, importID: string) => `${prefix}:import:{${importID}}:input`,
  userLease: (prefix: string, userID: number) => `${prefix}:user:{${userID}}:lease`,
  /**
   * The user's imports that may have written to the database and are not finished (completed, or
   * failed with their leftovers removed). Same hash tag as the lease: one script reads both.
   */
  userUnfinished: (prefix: string, userID: number) => `${prefix}:user:{${userID}}:unfinished`,
  idempotency: (prefix: string, userID: number, keyHash: string) => `${prefix}:user:${userID}:idempotency:${keyHash}`,
  rateLimit: (prefix: string) => `${prefix}:rate-limit:`,
  /**
   * /readyz's round trips, on keys shaped like those the service uses: one in BullMQ's slot, an
   * import's pair (status + upload) and a user's pair (lease + unfinished), `probe` random per check.
   */
  readiness: (prefix: string, probe: string) => ({
    queue: `{${prefix}}:readyz:${probe}`,
    importPair: [`${prefix}:import:{readyz-${probe}}:status`, `${prefix}:import:{readyz-${probe}}:input`] as const,
    userPair: [`${prefix}:user:{readyz-${probe}}:lease`, `${prefix}:user:{readyz-${probe}}:unfinished`] as const,
  }),
};

export const IMPORT_QUEUE_NAME = 'score-import';
