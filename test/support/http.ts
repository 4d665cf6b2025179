import type { FastifyInstance } from 'fastify';

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** A multipart/form-data body with an importType field and a scoreData file. */
export function multipartBody(
  file: string | Buffer | null,
  fields: Record<string, string> = { importType: 'file/batch-manual' },
  fileField = 'scoreData',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----scoreimport' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file !== null) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="scores.json"\r\nContent-Type: application/json\r\n\r\n`),
      Buffer.isBuffer(file) ? file : Buffer.from(file),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadFile(app: FastifyInstance, token: string, file: string | Buffer | object, headers: Record<string, string> = {}) {
  const content = typeof file === 'object' && !Buffer.isBuffer(file) ? JSON.stringify(file) : file;
  const body = multipartBody(content as string | Buffer);
  return app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: { ...body.headers, ...bearer(token), ...headers } });
}

export async function submitDirect(app: FastifyInstance, token: string, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/ir/direct-manual/import', payload: body as object, headers: { ...bearer(token), ...headers } });
}

/** Polls like a client until the import is no longer ongoing; returns the final poll response. */
export async function waitForImport(app: FastifyInstance, importID: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` });
    const json = res.json();
    if (!(res.statusCode === 200 && json.body?.importStatus === 'ongoing')) return { statusCode: res.statusCode, json };
    if (Date.now() > deadline) throw new Error(`import ${importID} still ongoing: ${res.body}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Submits and waits; returns the completed ImportDocument (fails the test otherwise). */
export async function importAndWait(app: FastifyInstance, token: string, doc: object, via: 'file' | 'direct' = 'file') {
  const res = via === 'file' ? await uploadFile(app, token, doc) : await submitDirect(app, token, doc);
  if (res.statusCode !== 202) throw new Error(`expected 202, got ${res.statusCode}: ${res.body}`);
  const importID = res.json().body.importID as string;
  const final = await waitForImport(app, importID);
  return { importID, ...final };
}
