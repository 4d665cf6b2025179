/**
 * Helpers of the IIDX, BMS and PMS rule tests: the fixture seeds (test/fixtures/seeds, Tachi's
 * shape; none of the three games has bundled charts) as the pipeline sees them, BATCH-MANUAL scores
 * taken through the steps of an import (resolve, convert, scoreID, hydrate) for any playtype, and
 * Tachi's scoreID computed independently of the code under test.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Test } from 'tap';
import { GameCharts, type GameData } from '../../src/charts/chart-index.ts';
import type { DryScore, PBDocument, ScoreDocument } from '../../src/documents.ts';
import { ScoreFailure, type ScoreFailureType } from '../../src/errors.ts';
import type { ChartDocument, GameModule, ProfilePB, SongDocument } from '../../src/games/types.ts';
import { convertBatchManualScore } from '../../src/import-types/batch-manual/convert.ts';
import type { BatchManualContext, BatchManualScore } from '../../src/import-types/batch-manual/index.ts';
import { createScoreID, hydrateScore } from '../../src/rules.ts';

export const FIXTURE_SEEDS = new URL('../fixtures/seeds/', import.meta.url);

/** A game's fixture songs and charts, read as `cli seed --from` would. */
export function fixtureData(game: string): GameData {
  const read = (kind: string) => JSON.parse(readFileSync(new URL(`${kind}-${game}.json`, FIXTURE_SEEDS), 'utf8'));
  return { songs: read('songs'), charts: read('charts') };
}

/** Expects fn to throw a ScoreFailure of this type and message (`note` says why, in the assertion's name). */
export function failure(t: Pick<Test, 'ok' | 'equal'>, fn: () => unknown, type: ScoreFailureType, message: string, note?: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  t.ok(caught instanceof ScoreFailure, `${note ? `${note}: ` : ''}throws ScoreFailure: ${message}`);
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

/** One game's fixture data and rules, with the steps of an import, for every playtype. */
export function harness(module: GameModule) {
  const game = module.game;
  const charts = new GameCharts(fixtureData(game));
  const def = (playtype: string) => {
    const d = module.gpt[playtype];
    if (!d) throw new Error(`${game} has no playtype ${playtype}`);
    return d;
  };

  const chart = (chartID: string): ChartDocument => {
    const c = charts.chart(chartID);
    if (!c) throw new Error(`no chart ${chartID} in the ${game} fixture seeds`);
    return c;
  };
  const songOf = (c: ChartDocument): SongDocument => charts.song(c.songID)!;

  /** hydrateScore on a fixture chart (its playtype's rules, validators included unless turned off) */
  const hydrate = (
    c: ChartDocument,
    scoreData: Record<string, unknown>,
    opts: { scoreID?: string; timeAchieved?: number | null; validators?: boolean } = {},
  ): ScoreDocument => {
    const d = def(c.playtype);
    const definition = opts.validators === false ? { ...d, rules: { ...d.rules, scoreValidators: [] } } : d;
    return hydrateScore(dry(game, scoreData, opts.timeAchieved ?? null), definition, {
      userID: 1,
      chart: c,
      song: songOf(c),
      scoreID: opts.scoreID ?? 'Tfake',
      timeAdded: 0,
      now: Date.now(),
    });
  };

  const context = (playtype: string, version: string | null = null): BatchManualContext => ({ service: 'tests', game, playtype, version });

  /** A BATCH-MANUAL score through resolve → convert → scoreID → hydrate, as the pipeline does. */
  const fromBatch = (playtype: string, score: Record<string, unknown>, opts: { version?: string | null; userID?: number } = {}) => {
    const converted = convertBatchManualScore(score as BatchManualScore, context(playtype, opts.version ?? null), charts, 'file/batch-manual');
    const definition = def(converted.chart.playtype);
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

  /** the chart a BATCH-MANUAL score resolves to (or the failure it throws) */
  const resolve = (playtype: string, score: Record<string, unknown>, version: string | null = null) =>
    convertBatchManualScore(score as BatchManualScore, context(playtype, version), charts, 'file/batch-manual').chart;

  /** a PB carrying only calculatedData, for profile ratings */
  const pbWith = (playtype: string, calculatedData: Record<string, number | null>, extra: Partial<PBDocument> = {}): ProfilePB =>
    ({
      userID: 1,
      chartID: `chart-${Math.random()}`,
      game,
      playtype,
      songID: 1,
      highlight: false,
      isPrimary: true,
      timeAchieved: null,
      composedFrom: [],
      scoreData: { judgements: {}, optional: { enumIndexes: {} }, enumIndexes: {} },
      calculatedData,
      ...extra,
    }) as ProfilePB;

  return { game, def, charts, chart, songOf, hydrate, context, fromBatch, resolve, pbWith };
}

/** Tachi's dmf for chart data: the chart with some `data` fields replaced. */
export const withData = (chart: ChartDocument, data: Record<string, unknown>): ChartDocument => ({ ...chart, data: { ...chart.data, ...data } });
