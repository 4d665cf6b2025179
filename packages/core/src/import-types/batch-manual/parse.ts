/** BATCH-MANUAL parsing (spec §3.1): every failure is fatal, status 400, in Tachi's order. */
import { ImportFatalError } from '../../errors.ts';
import { GAME_NAMES, gameModule, isGameName } from '../../games/registry.ts';
import type { GameName } from '../../games/types.ts';
import type { ParsedImport } from '../types.ts';
import {
  MAX_SCORES_PER_IMPORT,
  formatSchemaError,
  templateString,
  truncate,
  validateBatchManual,
  type BatchManualDocument,
  type BatchManualScore,
} from './schema.ts';

export interface BatchManualContext {
  [k: string]: unknown;
  service: string;
  game: GameName;
  playtype: string;
  version: string | null;
}

/** A parsed BATCH-MANUAL document: `classes` are the PROVIDED classes sent (null-valued sets left out). */
export type ParsedBatchManual = ParsedImport<BatchManualScore, BatchManualContext>;

export interface ParseBatchManualOptions {
  /** X-Infer-Score-TimeAchieved (direct-manual only): stamp the single score with `now` */
  inferTimestamp?: boolean;
  /** clock for inferTimestamp; defaults to Date.now() */
  now?: number;
}

const fatal = (message: string) => new ImportFatalError(400, message);

/** `file/batch-manual`: the uploaded file, UTF-8 JSON. */
export function parseBatchManualFile(content: Buffer): ParsedBatchManual {
  let data: unknown;
  try {
    data = JSON.parse(content.toString('utf8'));
  } catch (err) {
    throw fatal(`Invalid JSON. (${(err as Error).message})`);
  }
  return parseBatchManual(data);
}

/** Validates an already-parsed BATCH-MANUAL document (file contents or a direct-manual body). */
export function parseBatchManual(data: unknown, opts: ParseBatchManualOptions = {}): ParsedBatchManual {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    // Tachi lets an array through to the meta.game check; "received array." says what is wrong
    const received = data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data;
    throw fatal(`Invalid BATCH-MANUAL (Not an object, received ${received}.)`);
  }

  const doc = data as Record<string, unknown>;
  const meta = doc.meta;
  const metaObject = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : undefined;
  const maybeGame = metaObject?.game;
  const maybePlaytype = metaObject?.playtype;

  if (maybeGame === undefined) throw fatal('Could not retrieve meta.game - is this valid BATCH-MANUAL?');
  if (maybePlaytype === undefined) throw fatal('Could not retrieve meta.playtype - is this valid BATCH-MANUAL?');

  if (!isGameName(maybeGame)) {
    throw fatal(`Invalid game '${truncate(templateString(maybeGame))}' - expected any of ${GAME_NAMES.join(', ')}.`);
  }
  const game = maybeGame;
  const { playtypes } = gameModule(game);

  if (typeof maybePlaytype !== 'string' || !playtypes.includes(maybePlaytype)) {
    throw fatal(`Invalid playtype '${truncate(templateString(maybePlaytype))}' - expected any of ${playtypes.join(', ')}.`);
  }
  const playtype = maybePlaytype;

  // bound the work before walking every score
  if (Array.isArray(doc.scores) && doc.scores.length > MAX_SCORES_PER_IMPORT) {
    throw fatal(
      `Too many scores: this import has ${doc.scores.length}, but at most ${MAX_SCORES_PER_IMPORT} scores can be imported at once. Split it into several imports.`,
    );
  }

  const err = validateBatchManual(game, playtype, doc);
  if (err) throw fatal(formatSchemaError(err));

  const batchManual = doc as unknown as BatchManualDocument;
  let scores = batchManual.scores;

  if (opts.inferTimestamp) {
    if (scores.length > 1) {
      throw fatal('Cannot use X-Infer-Score-TimeAchieved with multiple scores in your import.');
    }
    // Tachi crashes (500) here; an empty import has nothing to stamp, which is the client's mistake
    if (scores.length === 0) {
      throw fatal('Cannot use X-Infer-Score-TimeAchieved with an import that has no scores.');
    }
    if (scores[0].timeAchieved) {
      // Tachi's message names the header wrongly ("Timestamp"); kept for compatibility
      throw fatal('Cannot use X-Infer-Score-Timestamp if the importing score already has a timeAchieved set.');
    }
    // a copy, so the caller's document (e.g. a stored upload) is left as it was sent
    scores = [{ ...scores[0], timeAchieved: opts.now ?? Date.now() }];
  }

  let classes: ParsedBatchManual['classes'] = null;
  if (batchManual.classes) {
    const provided: Record<string, string> = {};
    for (const [set, value] of Object.entries(batchManual.classes)) {
      if (typeof value === 'string') provided[set] = value;
    }
    classes = { [playtype]: provided };
  }

  return {
    game,
    context: {
      service: batchManual.meta.service,
      game,
      playtype,
      version: batchManual.meta.version ?? null,
    },
    datapoints: scores,
    classes,
  };
}
