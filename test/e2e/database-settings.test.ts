/**
 * The development/test database is configured by the project, not by the machine
 * (docs/development.md "The database in development and CI"): the project's own PostgreSQL
 * cluster with autovacuum on, and FerretDB's connections on custom plans, which keep its
 * prepared `_jsonb->$1 @> $2` statements on the GIN companion indexes.
 */
import { execFileSync } from 'node:child_process';
import t, { type Test } from 'tap';
import { MongoClient } from 'mongodb';
import { PrivateFerretDB } from '../support/services.ts';

const psql = (url: string, sql: string) => execFileSync('psql', [url, '-qtAX', '-F', '|', '-c', sql]).toString().trim();

t.test("the cluster is the project's own, with its settings", async (t) => {
  const base = process.env.TEST_PG_URL_BASE!;
  const settings = Object.fromEntries(
    psql(`${base}/postgres`, "SELECT name, setting FROM pg_settings WHERE name IN ('autovacuum', 'plan_cache_mode', 'data_directory', 'max_connections')")
      .split('\n')
      .map((l) => l.split('|')),
  );
  t.equal(settings.autovacuum, 'on');
  t.equal(settings.plan_cache_mode, 'force_custom_plan');
  t.match(settings.data_directory, /\/\.cache\/postgres\/\d+$/, 'the cluster lives in the checkout\'s .cache');
  t.ok(Number(settings.max_connections) >= 200);
});

interface Scans {
  seqScans: number;
  rowsReadBySeqScans: number;
  indexScans: number;
}

/**
 * Through a FerretDB of its own: 100 lookups by an indexed field in a collection of 5,000
 * documents, as the pipeline's queries are (each one the same prepared statement, `_jsonb->$1 @> $2`);
 * then how PostgreSQL served them.
 */
async function lookupsAndScans(t: Test, pgParams: string): Promise<Scans> {
  const ferret = await PrivateFerretDB.create({ pgParams });
  t.teardown(() => ferret.destroy());
  const client = new MongoClient(ferret.url('settings'));
  try {
    const docs = client.db().collection('lookups');
    await docs.createIndex({ chartID: 1 });
    await docs.insertMany(Array.from({ length: 5_000 }, (_, i) => ({ chartID: `chart${i}`, userID: i % 50, score: i })));
    for (let i = 0; i < 100; i++) {
      const found = await docs.find({ chartID: `chart${i * 37}` }).toArray();
      if (found.length !== 1) throw new Error(`lookup ${i} found ${found.length}`);
    }
  } finally {
    await client.close();
  }
  // PostgreSQL backends flush their counters when they end: stop FerretDB and wait for them
  await ferret.stop();
  for (let i = 0; i < 100 && psql(ferret.pgURL, 'SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()') !== '0'; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const [seqScans, rowsReadBySeqScans, indexScans] = psql(
    ferret.pgURL,
    "SELECT seq_scan, seq_tup_read, coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE schemaname = 'settings' AND relname LIKE 'lookups\\_%'",
  )
    .split('|')
    .map(Number);
  return { seqScans, rowsReadBySeqScans, indexScans };
}

t.test('FerretDB keeps its prepared statements on the indexes (plan_cache_mode travels in its PostgreSQL URL)', async (t) => {
  // the URL parameter reaches FerretDB's connections: forcing generic plans makes every lookup scan
  const generic = await lookupsAndScans(t, 'plan_cache_mode=force_generic_plan');
  // what every FerretDB the project starts gets (tools/ferretdb sets it)
  const custom = await lookupsAndScans(t, '');
  t.comment(
    `100 lookups: generic plans ${generic.seqScans} whole-table scans (${generic.rowsReadBySeqScans} rows read); ` +
      `custom plans ${custom.seqScans} (${custom.rowsReadBySeqScans} rows), ${custom.indexScans} index scans`,
  );
  t.ok(generic.seqScans >= 100 && generic.rowsReadBySeqScans >= 100 * 5_000, 'generic plans scan the whole table for each lookup');
  t.ok(custom.rowsReadBySeqScans < 5_000, 'custom plans: no lookup scans the table');
  t.ok(custom.indexScans >= 100, 'each lookup uses the index');
});
