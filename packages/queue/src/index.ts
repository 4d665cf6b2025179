export * from './redis.ts';
export * from './keys.ts';
export * from './job.ts';
export * from './status-store.ts';
export * from './user-lease.ts';
export * from './input-store.ts';
export * from './queue.ts';
export * from './metrics.ts';
