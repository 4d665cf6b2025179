/** Every Redis key the service writes outside BullMQ, in one place. */
export const keys = {
  status: (prefix: string, importID: string) => `${prefix}:import:${importID}:status`,
  input: (prefix: string, importID: string) => `${prefix}:import:${importID}:input`,
  userLease: (prefix: string, userID: number) => `${prefix}:user:{${userID}}:lease`,
  /**
   * The user's imports that may have written to the database and are not finished (completed, or
   * failed with their leftovers removed). Same hash tag as the lease: one script reads both.
   */
  userUnfinished: (prefix: string, userID: number) => `${prefix}:user:{${userID}}:unfinished`,
  rankingLock: (prefix: string, game: string) => `${prefix}:ranking:${game}:lock`,
  idempotency: (prefix: string, userID: number, keyHash: string) => `${prefix}:user:${userID}:idempotency:${keyHash}`,
  rateLimit: (prefix: string) => `${prefix}:rate-limit:`,
};

export const IMPORT_QUEUE_NAME = 'score-import';
