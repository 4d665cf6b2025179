/**
 * The mongoose schemas are the one definition of each collection: start-up creates exactly their
 * indexes, and what goes through a model is cast and validated against them.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { COLLECTIONS, connectDatabase, createToken, createUser, ensureIndexes } from '../src/index.ts';

t.test('ensureIndexes creates every index the schemas declare, and the models validate', async (t) => {
  const base = process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27017';
  const db = await connectDatabase(`${base}/schemas_${randomBytes(4).toString('hex')}`);
  t.teardown(async () => {
    await db.connection.dropDatabase().catch(() => {});
    await db.close();
  });
  await ensureIndexes(db);
  await ensureIndexes(db);
  for (const [name, schema] of Object.entries(COLLECTIONS)) {
    if (schema.indexes().length === 0) continue; // counters: its _id only
    const stored = (await db.connection.collection(name).listIndexes().toArray()).map((i) => JSON.stringify(i.key));
    for (const [key, options] of schema.indexes()) {
      t.ok(stored.includes(JSON.stringify(key)), `${name}: index ${JSON.stringify(key)}${(options as { unique?: boolean }).unique ? ' (unique)' : ''}`);
    }
  }
  // unique as declared: a second score with the same scoreID is refused by the index
  await db.scores.insertOne({ scoreID: 'Tdup', userID: 1 });
  await t.rejects(db.scores.insertOne({ scoreID: 'Tdup', userID: 2 }), { code: 11000 });

  const { userID } = await createUser(db, 'schema-user');
  t.equal(userID, 1);
  const user = await db.models.users.findOne({ id: 1 }).lean();
  t.match(user, { username: 'schema-user', usernameLowercase: 'schema-user', authLevel: 1, badges: [], status: null });
  await createToken(db, 'schema-user', ['submit_score']);
  t.equal(await db.apiTokens.countDocuments({ userID: 1 }), 1);
  // a document missing a required field never reaches the collection
  await t.rejects(db.models.importTrackers.create({ type: 'FAILED', importID: 'x' }), { name: 'ValidationError' });
  t.equal(await db.importTrackers.countDocuments({}), 0);
});
