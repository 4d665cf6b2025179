/**
 * A raw writer for the W1 reference: loads batches of score documents (a JSON array of arrays),
 * says "loaded", waits for "go" on stdin, inserts each batch with the driver's insertMany
 * (ordered: false) and prints {"ms": …}.
 *   node --import tsx bench/raw-writer.ts <mongodb url with database> <collection> <docs.json>
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { MongoClient } from 'mongodb';

const [url, collectionName, file] = process.argv.slice(2);
const batches = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[][];
const client = new MongoClient(url);
await client.connect();
const collection = client.db().collection(collectionName);
await collection.findOne({}); // open the connection before timing
console.log(`loaded ${batches.reduce((n, b) => n + b.length, 0)}`);
const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (line.trim() !== 'go') continue;
  const t0 = performance.now();
  for (const batch of batches) await collection.insertMany(batch, { ordered: false });
  console.log(JSON.stringify({ ms: performance.now() - t0 }));
  break;
}
rl.close();
await client.close();
process.exit(0);
