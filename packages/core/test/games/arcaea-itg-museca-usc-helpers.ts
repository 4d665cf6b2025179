/**
 * Helpers of the Arcaea, ITG, MÚSECA and USC rule tests: each game's chart data as the pipeline sees
 * it (bundled seeds, or the fixture seeds of test/fixtures/seeds for ITG and USC, whose charts Tachi's
 * repository does not serve), BATCH-MANUAL scores taken through the steps of an import (resolve,
 * convert, scoreID, hydrate), and Tachi's scoreID written out by the tests themselves.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Test } from 'tap';
import { GameCharts, type GameData } from '../../src/charts/chart-index.ts';
import type { DryScore, PBDocument, ScoreDocument } from '../../src/documents.ts';
import { ScoreFailure, type ScoreFailureType } from '../../src/errors.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import type { ChartDocument, GameModule, GPTDefinition, ProfilePB, SongDocument } from '../../src/games/types.ts';
import { convertBatchManualScore } from '../../src/import-types/batch-manual/convert.ts';
import type { BatchManualContext, BatchManualScore } from '../../src/import-types/batch-manual/index.ts';
import { createScoreID, hydrateScore } from '../../src/rules.ts';

/** packages/core/test/fixtures/seeds: Tachi-shaped songs/charts for games without bundled charts */
export const FIXTURE_SEEDS_DIR = new URL('../fixtures/seeds/', import.meta.url);

export function fixtureGame(game: 'itg' | 'usc'): GameData {
  const read = (name: string) => JSON.parse(readFileSync(new URL(`${name}-${game}.json`, FIXTURE_SEEDS_DIR), 'utf8'));
  return { songs: read('songs'), charts: read('charts') };
}

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

/** One game's data and rules for one playtype, with the steps of an import. */
export function harness(module: GameModule, playtype: string, data: GameData = loadBundledGame(module.game)) {
  const game = module.game;
  const definition: GPTDefinition = module.gpt[playtype];
  const charts = new GameCharts(data);

  const chart = (chartID: string): ChartDocument => {
    const c = charts.chart(chartID);
    if (!c) throw new Error(`no chart ${chartID} in the ${game} data`);
    return c;
  };
  const songOf = (c: ChartDocument): SongDocument => charts.song(c.songID)!;

  /** hydrateScore on a chart (validators included unless `validators: false`) */
  const hydrate = (
    c: ChartDocument,
    scoreData: Record<string, unknown>,
    opts: { scoreID?: string; timeAchieved?: number | null; validators?: boolean } = {},
  ): ScoreDocument => {
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

  const context = (version: string | null = null): BatchManualContext => ({ service: 'tests', game, playtype, version });

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

  /** a PB carrying only calculatedData (primary unless said), for profile ratings */
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

  const lookup = { chart: (id: string) => charts.chart(id), song: (id: number) => charts.song(id) };

  return { game, playtype, definition, charts, chart, songOf, hydrate, context, fromBatch, pbWith, lookup };
}
