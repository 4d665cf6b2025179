import type { FastifyInstance } from 'fastify';
import { findByKeys, NO_ID } from '@score-import/db';
import { IMPORT_TYPE_NAMES, isImportTypeName, type ImportDocument } from '@score-import/core';

export const IMPORT_ID = /^[0-9a-f]{40}$/;

export interface PollAnswer {
  statusCode: number;
  description: string;
  body?: { importStatus: 'ongoing'; progress: unknown } | { importStatus: 'completed'; import: ImportDocument };
  /** a completed import answered from its status record: the ImportDocument as serialised there */
  importJSON?: string;
  /** a failed import: whether its clean-up is still running */
  failed?: { importStatus: 'failed'; cleanupPending: boolean };
  /** validator of the answer: the same while nothing changed (If-None-Match → 304) */
  etag?: string;
  /** true when the caller's If-None-Match matched, so no body was built */
  notModified?: boolean;
}

const NO_IMPORT: PollAnswer = { statusCode: 404, description: 'There is no ongoing import here.' };

/**
 * If-None-Match against the current ETag (RFC 9110 §13.1.2): `*`, or any entity tag of the list,
 * compared weakly (a `W/` prefix is ignored).
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/**
 * poll-status: an ongoing import is answered from its Redis status record alone (one round trip),
 * and so is a conditional poll of a completed one; otherwise a finished import is answered from
 * its ImportDocument or failure record.
 */
export async function pollImport(app: FastifyInstance, importID: string, ifNoneMatch?: string): Promise<PollAnswer> {
  if (!IMPORT_ID.test(importID)) return NO_IMPORT;
  const record = await app.statuses.get(importID);
  const etag = record ? `"${record.status}-${record.rank}-${record.updatedAt}"` : undefined;
  if (record && (record.status === 'queued' || record.status === 'ongoing')) {
    return {
      statusCode: 200,
      description: 'Import is ongoing.',
      body: { importStatus: 'ongoing', progress: record.progress },
      etag,
      notModified: etagMatches(ifNoneMatch, etag),
    };
  }
  if (record?.status === 'failed' && record.error) {
    return {
      statusCode: record.error.statusCode,
      description: record.error.description,
      failed: { importStatus: 'failed', cleanupPending: record.error.cleanupPending === true },
    };
  }
  if (record?.status === 'completed' && etagMatches(ifNoneMatch, etag)) {
    return { statusCode: 200, description: 'Import was completed!', etag, notModified: true };
  }
  if (record?.status === 'completed' && record.importJSON) {
    // the whole answer from the one Redis GET: a finished import's polls cost what ongoing ones do
    return { statusCode: 200, description: 'Import was completed!', importJSON: record.importJSON, etag };
  }
  const doc = await app.db.imports.findOne({ importID }, { projection: { _id: 0, revertPlan: 0 } });
  if (doc) {
    const docETag = etag ?? `"completed-${doc.timeFinished}"`;
    return {
      statusCode: 200,
      description: 'Import was completed!',
      body: { importStatus: 'completed', import: doc as unknown as ImportDocument },
      etag: docETag,
      notModified: etagMatches(ifNoneMatch, docETag),
    };
  }
  if (!record) {
    const tracker = await app.db.importTrackers.findOne({ importID, type: 'FAILED' }, NO_ID);
    if (tracker) {
      const pending = (await app.leases.unfinished(tracker.userID as number)).some((u) => u.importID === importID);
      return {
        statusCode: tracker.error?.statusCode ?? 500,
        description: tracker.error?.message ?? 'This import failed.',
        failed: { importStatus: 'failed', cleanupPending: pending },
      };
    }
  }
  return NO_IMPORT;
}

export async function findImport(app: FastifyInstance, importID: string): Promise<ImportDocument | null> {
  if (!IMPORT_ID.test(importID)) return null;
  return (await app.db.imports.findOne({ importID }, { projection: { _id: 0, revertPlan: 0 } })) as ImportDocument | null;
}

/** GET /imports/:id body: the import with its scores, their songs and charts, sessions and owner. */
export async function importDetail(app: FastifyInstance, doc: ImportDocument) {
  const [scores, gameCharts] = await Promise.all([
    app.db.scores.find({ importID: doc.importID }, { projection: { _id: 0, importID: 0 } }).toArray(),
    app.charts.game(doc.game),
  ]);
  const songs = new Map<number, object>();
  const charts = new Map<string, object>();
  for (const s of scores) {
    const chart = gameCharts.chart(s.chartID as string);
    const song = gameCharts.song(s.songID as number);
    if (chart) charts.set(chart.chartID, chart);
    if (song) songs.set(song.id, song);
  }
  const sessionIDs = [...new Set(doc.createdSessions.map((c) => c.sessionID))];
  const sessions = await findByKeys(app.db, app.db.sessions, { userID: doc.userID }, 'sessionID', sessionIDs);
  // a user is never deleted while they own imports; {} keeps the answer well-formed regardless
  const user = (await app.db.users.findOne({ id: doc.userID }, NO_ID)) ?? {};
  return { scores, songs: [...songs.values()], charts: [...charts.values()], sessions, import: doc, user };
}

/** The list routes' filters; an importType this service does not know is the client's mistake (400, as Tachi). */
export function listFilter(query: { importType?: string; userIntent?: 'true' | 'false' }): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.importType !== undefined && !isImportTypeName(query.importType)) {
    throw Object.assign(new Error(`[importType] Expected any of ${IMPORT_TYPE_NAMES.join(', ')}. (Received ${JSON.stringify(query.importType)})`), {
      statusCode: 400,
    });
  }
  if (query.importType) filter.importType = query.importType;
  if (query.userIntent) filter.userIntent = query.userIntent === 'true';
  return filter;
}

export async function usersByID(app: FastifyInstance, ids: number[]): Promise<object[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return app.db.users.find({ id: { $in: unique } }, NO_ID).toArray();
}
