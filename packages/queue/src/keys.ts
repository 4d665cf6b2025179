/** Every Redis key the service writes outside BullMQ, in one place. */
export const keys = {
  status: (prefix: string, importID: string) => `${prefix}:import:${importID}:status`,
  input: (prefix: string, importID: string) => `${prefix}:import:${importID}:input`,
  userLease: (prefix: string, userID: number) => `${prefix}:user:${userID}:lease`,
};

export const IMPORT_QUEUE_NAME = 'score-import';
