/**
 * A real API process and SIGTERM: it stops accepting, finishes the request in flight, exits 0.
 */
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Test } from 'tap';
import { ROOT, startStack, type Stack } from '../../../test/support/stack.ts';
import { multipartBody } from '../../../test/support/http.ts';
import { sdvxFile } from '../../../test/support/files.ts';

async function startAPI(t: Test, stack: Stack): Promise<{ api: ChildProcess; port: number; output: () => string }> {
  const c = stack.config;
  const api = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', MONGO_URL: c.MONGO_URL, REDIS_URL: c.REDIS_URL, KEY_PREFIX: c.KEY_PREFIX, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (api.exitCode === null) api.kill('SIGKILL');
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    api.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    api.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    api.once('exit', (code) => reject(new Error(`API exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`API did not start: ${output}`)), 60_000).unref();
  });
  return { api, port, output: () => output };
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Streams `totalMiB` of body in 1 MiB chunks until the server answers; resolves to the status. */
function streamUpload(port: number, path: string, headers: Record<string, string>, head: Buffer, totalMiB: number, tail = Buffer.alloc(0)): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (!answered && sent < totalMiB) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    req.write(head);
    pump();
  });
}

t.test('oversized uploads are refused while streaming: 413, memory stays flat', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { token } = await stack.user('player');
  const { api, port } = await startAPI(t, stack);
  const auth = { authorization: `Bearer ${token}` };
  await fetch(`http://127.0.0.1:${port}/healthz`);
  const before = rssMiB(api.pid!);
  const json = await streamUpload(port, '/ir/direct-manual/import', { ...auth, 'content-type': 'application/json' }, Buffer.from('{"pad":"'), 200);
  t.equal(json, 413, 'a 200 MiB JSON body → 413');
  const boundary = 'xxBOUNDARYxx';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="importType"\r\n\r\nfile/batch-manual\r\n--${boundary}\r\nContent-Disposition: form-data; name="scoreData"; filename="big.json"\r\n\r\n`);
  const file = await streamUpload(port, '/api/v1/import/file', { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, head, 200, Buffer.from(`\r\n--${boundary}--\r\n`));
  t.equal(file, 413, `a 200 MiB file → 413 (got ${file})`);
  const growth = rssMiB(api.pid!) - before;
  t.ok(growth < 150, `the API grew ${growth.toFixed(0)} MiB for 400 MiB sent`);
});

t.test('SIGTERM: the upload in flight gets its 202, then the process exits', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { token } = await stack.user('player');
  const { api, port, output: out } = await startAPI(t, stack);
  const exited = new Promise<number | null>((resolve) => api.once('exit', (code) => resolve(code)));

  const body = multipartBody(JSON.stringify(sdvxFile(2_000)));
  const response = new Promise<{ status: number; json: { success: boolean; body?: { importID: string } } }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/import/file', headers: { ...body.headers, authorization: `Bearer ${token}`, 'content-length': body.payload.length } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    // half the upload, then SIGTERM, then the rest: the request is in flight when the signal comes
    const half = Math.floor(body.payload.length / 2);
    req.write(body.payload.subarray(0, half), () => {
      api.kill('SIGTERM');
      setTimeout(() => req.end(body.payload.subarray(half)), 300);
    });
  });

  const res = await response;
  t.equal(res.status, 202, 'the request in flight completes');
  t.ok(res.json.body?.importID, 'and its import was recorded');
  t.equal(await exited, 0, 'the process exits cleanly');
  t.match(out(), /stopping: finishing in-flight requests/);
  const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
    () => false,
    () => true,
  );
  t.ok(refused, 'no longer accepting connections');
  const record = await stack.app.statuses.get(res.json.body!.importID);
  t.equal(record?.status, 'queued', 'the accepted import waits in the queue for a worker');
});
