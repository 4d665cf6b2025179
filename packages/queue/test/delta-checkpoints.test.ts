import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import t from 'tap';
import { DeltaCheckpoints, keys } from '../src/index.ts';

const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
t.teardown(() => redis.quit());

t.test('the first recorded deltas win, expire with the import, and can be cleared', async (t) => {
  const prefix = `test-deltas-${randomBytes(6).toString('hex')}`;
  const first = new DeltaCheckpoints<{ set: string; new: string }>(redis, prefix, 60);
  const retry = new DeltaCheckpoints<{ set: string; new: string }>(redis, prefix, 60);
  const deltas = [{ set: 'vfClass', new: 'SIENNA_I' }];

  t.same(await first.record('imp1', deltas), deltas, 'a first run reports what it computed');
  // a retry finds the profile already changed, computes no deltas, and reports the first run's
  t.same(await retry.record('imp1', []), deltas);
  t.same(await retry.record('imp2', []), [], 'other imports are separate');
  const ttl = await redis.ttl(keys.deltaCheckpoint(prefix, 'imp1'));
  t.ok(ttl > 0 && ttl <= 60, `kept for the import's lifetime (ttl ${ttl} s)`);

  await first.clear('imp1');
  t.equal(await redis.exists(keys.deltaCheckpoint(prefix, 'imp1')), 0);
  t.same(await retry.record('imp1', []), [], 'cleared: nothing recorded any more');
  await retry.clear('imp1');
  await retry.clear('imp2');
});
