import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import t from 'tap';
import { RankingLocks } from '../src/index.ts';

const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
t.teardown(() => redis.quit());
const prefix = () => `test-ranking-${randomBytes(6).toString('hex')}`;

t.test('one holder per game at a time, across instances; other games are not blocked', async (t) => {
  const p = prefix();
  const a = new RankingLocks(redis, p, 5_000);
  const b = new RankingLocks(redis, p, 5_000, 2_000);
  const first = await a.acquire('sdvx');
  t.ok(first?.held());
  const other = await b.acquire('chunithm');
  t.ok(other?.held(), "another game's lock is free");
  await other!.release();

  t.equal(await b.tryAcquire('sdvx'), null, 'tryAcquire answers at once while it is held');
  let second: Awaited<ReturnType<RankingLocks['acquire']>> = null;
  const waiting = b.acquire('sdvx').then((l) => (second = l));
  await new Promise((r) => setTimeout(r, 150));
  t.equal(second, null, 'the second writer waits while the first holds it');
  await first!.release();
  await waiting;
  t.ok(second!.held(), 'and gets it once released');
  await second!.release();
});

t.test('a holder that dies frees the lock after its TTL; a waiter gives up after its wait', async (t) => {
  const p = prefix();
  // a dead holder: the key is set with a TTL and nobody renews it
  await redis.set(`${p}:ranking:sdvx:lock`, 'dead-process', 'PX', 400);
  const locks = new RankingLocks(redis, p, 5_000, 3_000);
  const started = Date.now();
  const lease = await locks.acquire('sdvx');
  t.ok(lease?.held());
  t.ok(Date.now() - started >= 300, 'taken once the dead holder expired');
  await lease!.release();

  await redis.set(`${p}:ranking:sdvx:lock`, 'slow-process', 'PX', 10_000);
  const impatient = new RankingLocks(redis, p, 5_000, 200);
  t.equal(await impatient.acquire('sdvx'), null, 'no lock within the wait: the caller goes ahead without it');
  await redis.del(`${p}:ranking:sdvx:lock`);
});
