/**
 * Helpers of the per-game rule tests (games/*.test.ts): a game's chart data as the pipeline sees it
 * (bundled seeds, or the fixture seeds of test/fixtures/seeds for games whose charts Tachi's
 * repository does not serve), BATCH-MANUAL scores taken through the steps of an import (resolve,
 * convert, scoreID, hydrate) in any playtype, and Tachi's scoreID written out by the tests
 * themselves (not built by the code under test).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Test } from 'tap';
import { GameCharts, type GameData } from '../../src/charts/chart-index.ts';
import type { DryScore, PBDocument, ScoreDocument } from '../../src/documents.ts';
import { ScoreFailure, type ScoreFailureType } from '../../src/errors.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import type { ChartDocument, GameModule, GameName, ProfilePB, SongDocument } from '../../src/games/types.ts';
import { convertBatchManualScore } from '../../src/import-types/batch-manual/convert.ts';
import type { BatchManualContext, BatchManualScore } from '../../src/import-types/batch-manual/index.ts';
import { createScoreID, hydrateScore } from '../../src/rules.ts';

/** packages/core/test/fixtures/seeds: Tachi-shaped songs/charts for games without bundled charts */
export const FIXTURE_SEEDS_DIR = new URL('../fixtures/seeds/', import.meta.url);

/** A game's fixture songs and charts, read as `cli seed --from` would. */
export function fixtureData(game: GameName): GameData {
  const read = (kind: string) => JSON.parse(readFileSync(new URL(`${kind}-${game}.json`, FIXTURE_SEEDS_DIR), 'utf8'));
  return { songs: read('songs') as SongDocument[], charts: read('charts') as ChartDocument[] };
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

/** The one-error message of a failed validation. */
export const oneError = (message: string) => `Got 1 error when validating score:\n${message}`;

/** "T" + sha256 of the sorted-key JSON Tachi hashes, written out by the test (not built by the code). */
export const tachiScoreID = (json: string) => `T${createHash('sha256').update(json, 'utf8').digest('hex')}`;

/** A dry BATCH-MANUAL score of `service` (judgements and optional default to empty). */
export function dry(game: GameName, scoreData: Record<string, unknown>, timeAchieved: number | null = null, service = 'tests'): DryScore {
  const { judgements, optional, ...rest } = scoreData;
  return {
    game,
    service: `${service} (BATCH-MANUAL)`,
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

/** Tachi's dmf for chart data: the chart with some `data` fields replaced. */
export const withData = (chart: ChartDocument, data: Record<string, unknown>): ChartDocument => ({ ...chart, data: { ...chart.data, ...data } });

/**
 * One game's data and rules, with the steps of an import. `playtype` (the game's first unless said)
 * is the one of `definition`, and of fromBatch, resolve and pbWith unless they are told another;
 * `data` is the bundled seeds unless given (e.g. `fixtureData(game)`).
 */
export function harness(module: GameModule, opts: { playtype?: string; data?: GameData } = {}) {
  const game = module.game;
  const playtype = opts.playtype ?? module.playtypes[0];
  const charts = new GameCharts(opts.data ?? loadBundledGame(game));
  const definitionOf = (pt: string) => {
    const d = module.gpt[pt];
    if (!d) throw new Error(`${game} has no playtype ${pt}`);
    return d;
  };
  const definition = definitionOf(playtype);

  const chart = (chartID: string): ChartDocument => {
    const c = charts.chart(chartID);
    if (!c) throw new Error(`no chart ${chartID} in the ${game} data`);
    return c;
  };
  const songOf = (c: ChartDocument): SongDocument => charts.song(c.songID)!;

  /** hydrateScore on a chart, with its playtype's rules (validators included unless `validators: false`) */
  const hydrate = (
    c: ChartDocument,
    scoreData: Record<string, unknown>,
    o: { scoreID?: string; timeAchieved?: number | null; validators?: boolean } = {},
  ): ScoreDocument => {
    const d = definitionOf(c.playtype);
    const def = o.validators === false ? { ...d, rules: { ...d.rules, scoreValidators: [] } } : d;
    return hydrateScore(dry(game, scoreData, o.timeAchieved ?? null), def, {
      userID: 1,
      chart: c,
      song: songOf(c),
      scoreID: o.scoreID ?? 'Tfake',
      timeAdded: 0,
      now: Date.now(),
    });
  };

  const context = (pt: string, version: string | null): BatchManualContext => ({ service: 'tests', game, playtype: pt, version });

  /** the chart a BATCH-MANUAL score resolves to (or the failure it throws) */
  const resolve = (score: Record<string, unknown>, o: { playtype?: string; version?: string | null } = {}) =>
    convertBatchManualScore(score as BatchManualScore, context(o.playtype ?? playtype, o.version ?? null), charts, 'file/batch-manual').chart;

  /** A BATCH-MANUAL score through resolve → convert → scoreID → hydrate, as the pipeline does. */
  const fromBatch = (score: Record<string, unknown>, o: { playtype?: string; version?: string | null; userID?: number } = {}) => {
    const pt = o.playtype ?? playtype;
    const converted = convertBatchManualScore(score as BatchManualScore, context(pt, o.version ?? null), charts, 'file/batch-manual');
    const d = definitionOf(pt);
    const scoreID = createScoreID(d.config, o.userID ?? 1, converted.chart.chartID, converted.dryScore.scoreData);
    const doc = hydrateScore(converted.dryScore, d, {
      userID: o.userID ?? 1,
      chart: converted.chart,
      song: converted.song,
      scoreID,
      timeAdded: 0,
      now: Date.now(),
    });
    return { scoreID, score: doc, chart: converted.chart, song: converted.song };
  };

  /** a PB carrying only calculatedData (primary, of `playtype`, unless `extra` says otherwise), for profile ratings */
  const pbWith = (calculatedData: Record<string, number | null>, extra: Partial<PBDocument> = {}): ProfilePB =>
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

  /** a PB on a real chart of the data */
  const pbOn = (c: ChartDocument, calculatedData: Record<string, number | null>, extra: Partial<PBDocument> = {}): ProfilePB =>
    pbWith(calculatedData, { chartID: c.chartID, songID: c.songID, playtype: c.playtype, isPrimary: c.isPrimary, ...extra });

  const lookup = { chart: (id: string) => charts.chart(id), song: (id: number) => charts.song(id) };

  return { game, playtype, definition, definitionOf, charts, chart, songOf, hydrate, resolve, fromBatch, pbWith, pbOn, lookup };
}
