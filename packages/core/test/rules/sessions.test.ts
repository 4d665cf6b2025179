import t from 'tap';
import { findSessionWindow, groupIntoSessions, sessionName, sessionOverlaps, TWO_HOURS } from '../../src/rules.ts';

const at = (id: string, timeAchieved: number | null) => ({ id, timeAchieved });
const ids = (groups: { id: string }[][]) => groups.map((g) => g.map((s) => s.id));

t.test('TWO_HOURS', async (t) => {
  t.equal(TWO_HOURS, 7_200_000);
});

t.test('grouping edges', async (t) => {
  t.same(groupIntoSessions([]), []);
  t.same(ids(groupIntoSessions([at('a', 1000)])), [['a']]);
  t.same(groupIntoSessions([at('n', null)]), [], 'null-timestamp scores never form sessions');
  t.same(ids(groupIntoSessions([at('a', 0), at('b', 7_200_000)])), [['a'], ['b']], 'a gap of exactly 2h starts a new group');
  t.same(ids(groupIntoSessions([at('a', 0), at('b', 7_199_999)])), [['a', 'b']], 'just under 2h joins');
  t.same(
    ids(groupIntoSessions([at('a', 0), at('b', 7_000_000), at('c', 14_000_000)])),
    [['a', 'b', 'c']],
    'the gap is measured from the previous score, not the group start',
  );
  t.same(
    ids(groupIntoSessions([at('c', 3000), at('n1', null), at('a', 1000), at('n2', null), at('b', 2000)])),
    [['a', 'b', 'c']],
    'nulls dropped, the rest sorted ascending',
  );
  t.same(
    ids(groupIntoSessions([at('late', 20_000_000), at('early', 0), at('mid', 10_000_000), at('early2', 60_000)])),
    [['early', 'early2'], ['mid'], ['late']],
  );
});

t.test('findSessionWindow', async (t) => {
  t.same(findSessionWindow([at('a', 5), at('b', 9)]), { start: 5, end: 9 });
  t.same(findSessionWindow([at('a', 5)]), { start: 5, end: 5 });
  t.throws(() => findSessionWindow([]));
});

t.test('sessionOverlaps: [start − 2h, end + 2h) window', async (t) => {
  const start = 100_000_000;
  const end = 101_000_000;
  const lo = start - TWO_HOURS;
  const hi = end + TWO_HOURS;
  t.ok(sessionOverlaps({ timeStarted: lo, timeEnded: lo }, start, end), 'timeStarted at the lower bound (inclusive)');
  t.notOk(sessionOverlaps({ timeStarted: lo - 10, timeEnded: lo - 1 }, start, end), 'ended just before the window');
  t.ok(sessionOverlaps({ timeStarted: lo - 10, timeEnded: lo }, start, end), 'timeEnded at the lower bound');
  t.notOk(sessionOverlaps({ timeStarted: hi, timeEnded: hi + 5 }, start, end), 'upper bound is exclusive');
  t.ok(sessionOverlaps({ timeStarted: hi - 1, timeEnded: hi + 5 }, start, end));
  t.ok(sessionOverlaps({ timeStarted: start, timeEnded: start }, start, end), 'session at the group start (Tachi test)');
  t.ok(
    sessionOverlaps({ timeStarted: lo - 1, timeEnded: hi }, start, end),
    'a session fully spanning the group matches (better than Tachi)',
  );
  t.notOk(sessionOverlaps({ timeStarted: 0, timeEnded: 1000 }, start, end));
});

t.test('sessionName', async (t) => {
  t.type(sessionName(), 'string');
  t.match(sessionName(), /^\S+ \S+ \S+$/);
  const zero = sessionName(() => 0);
  const max = sessionName(() => 0.999999);
  t.match(zero, /^\S+ \S+ \S+$/);
  t.not(zero, max);
  t.equal(sessionName(() => 0), zero, 'deterministic given the random source');
  t.match(sessionName(() => 1), /^\S+ \S+ \S+$/, 'a random() of exactly 1 stays in range');
});
