import t from 'tap';
import { readFileSync } from 'node:fs';
import { startStack, ROOT } from '../../../test/support/stack.ts';
import { importAndWait } from '../../../test/support/http.ts';

t.test('an SDVX example file imports end to end', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  const file = JSON.parse(readFileSync(`${ROOT}/examples/sdvx.json`, 'utf8'));
  const result = await importAndWait(stack.app, token, file);
  t.equal(result.statusCode, 200, JSON.stringify(result.json));
  t.equal(result.json.body.importStatus, 'completed');
  t.equal(result.json.body.import.scoreIDs.length, 1);
});
