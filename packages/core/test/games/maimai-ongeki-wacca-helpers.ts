/**
 * Helpers of the maimai, maimai DX, O.N.G.E.K.I. and WACCA rule tests: the bundled seeds as the
 * pipeline sees them, BATCH-MANUAL scores taken through the same steps as an import (resolve,
 * convert, scoreID, hydrate), and Tachi's scoreID computed independently of the code under test.
 */
import { createHash } from 'node:crypto';
import type { Test } from 'tap';
import { GameCharts } from '../../src/charts/chart-index.ts';
import type { DryScore, PBDocument, ScoreDocument } from '../../src/documents.ts';
import { ScoreFailure, type ScoreFailureType } from '../../src/errors.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import type { ChartDocument, GameModule, ProfilePB, SongDocument } from '../../src/games/types.ts';
import { convertBatchManualScore } from '../../src/import-types/batch-manual/convert.ts';
import type { BatchManualContext, BatchManualScore } from '../../src/import-types/batch-manual/index.ts';
import { createScoreID, hydrateScore } from '../../src/rules.ts';

/** Expects fn to throw a ScoreFailure of this type and message. */
export function failure(t: Pick<Test, 'ok' | 'equal'>, fn: () => unknown, type: ScoreFailureType, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  t.ok(caught instanceof ScoreFailure, `throws ScoreFailure: ${message}`);
  t.equal((caught as ScoreFailure | undefined)?.type, type);
  t.equal((caught as Error | undefined)?.message, message);
}

/** "T" + sha256 of the sorted-key JSON Tachi hashes, written out by the test (not built by the code). */
export const tachiScoreID = (json: string) => `T${createHash('sha256').update(json, 'utf8').digest('hex')}`;

export function dry(game: GameModule['game'], scoreData: Record<string, unknown>, timeAchieved: number | null = null): DryScore {
  const { judgements, optional, ...rest } = scoreData;
  return {
    game,
    service: 'tests (BATCH-MANUAL)',
    importType: 'file/batch-manual',
    comment: null,
    timeAchieved,
    scoreData: {
      ...rest,
      judgements: (judgements ?? {}) as Record<string, number | null>,
      optional: (optional ?? {}) as Record<string, unknown>,
    },
    scoreMeta: {},
  };
}

/** One game's bundled data and rules, with the steps of an import. */
export function harness(module: GameModule) {
  const game = module.game;
  const definition = module.gpt.Single;
  const charts = new GameCharts(loadBundledGame(game));

  const chart = (chartID: string): ChartDocument => {
    const c = charts.chart(chartID);
    if (!c) throw new Error(`no chart ${chartID} in the bundled ${game} seeds`);
    return c;
  };
  const songOf = (c: ChartDocument): SongDocument => charts.song(c.songID)!;

  /** hydrateScore on a bundled chart (validators included) */
  const hydrate = (c: ChartDocument, scoreData: Record<string, unknown>, opts: { scoreID?: string; timeAchieved?: number | null; validators?: boolean } = {}): ScoreDocument => {
    const def = opts.validators === false ? { ...definition, rules: { ...definition.rules, scoreValidators: [] } } : definition;
    return hydrateScore(dry(game, scoreData, opts.timeAchieved ?? null), def, {
      userID: 1,
      chart: c,
      song: songOf(c),
      scoreID: opts.scoreID ?? 'Tfake',
      timeAdded: 0,
      now: Date.now(),
    });
  };

  const context = (version: string | null = null): BatchManualContext => ({ service: 'tests', game, playtype: 'Single', version });

  /** A BATCH-MANUAL score through resolve → convert → scoreID → hydrate, as the pipeline does. */
  const fromBatch = (score: Record<string, unknown>, opts: { version?: string | null; userID?: number } = {}) => {
    const converted = convertBatchManualScore(score as BatchManualScore, context(opts.version ?? null), charts, 'file/batch-manual');
    const scoreID = createScoreID(definition.config, opts.userID ?? 1, converted.chart.chartID, converted.dryScore.scoreData);
    const doc = hydrateScore(converted.dryScore, definition, {
      userID: opts.userID ?? 1,
      chart: converted.chart,
      song: converted.song,
      scoreID,
      timeAdded: 0,
      now: Date.now(),
    });
    return { scoreID, score: doc, chart: converted.chart, song: converted.song };
  };

  /** a primary PB carrying only calculatedData, for profile ratings */
  const pbWith = (calculatedData: Record<string, number | null>, extra: Partial<PBDocument> = {}): ProfilePB =>
    ({
      userID: 1,
      chartID: `chart-${Math.random()}`,
      game,
      playtype: 'Single',
      songID: 1,
      highlight: false,
      isPrimary: true,
      timeAchieved: null,
      composedFrom: [],
      scoreData: { judgements: {}, optional: { enumIndexes: {} }, enumIndexes: {} },
      calculatedData,
      ...extra,
    }) as ProfilePB;

  return { game, definition, charts, chart, songOf, hydrate, context, fromBatch, pbWith };
}
