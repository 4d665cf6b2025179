/**
 * Helpers of the pop'n, jubeat, GITADORA and DDR rule tests: one game's seed data (bundled, or
 * the fixture seeds) as the pipeline sees it, BATCH-MANUAL scores taken through the same steps as
 * an import (resolve, convert, scoreID, hydrate) in any playtype, and Tachi's scoreID computed
 * independently of the code under test.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { GameCharts, type GameData } from '../../src/charts/chart-index.ts';
import type { DryScore, PBDocument, ScoreDocument } from '../../src/documents.ts';
import { ScoreFailure, type ScoreFailureType } from '../../src/errors.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import type { ChartDocument, GameModule, GameName, ProfilePB, SongDocument } from '../../src/games/types.ts';
import { convertBatchManualScore } from '../../src/import-types/batch-manual/convert.ts';
import type { BatchManualContext, BatchManualScore } from '../../src/import-types/batch-manual/index.ts';
import { createScoreID, hydrateScore } from '../../src/rules.ts';

/** packages/core/test/fixtures/seeds: small seed files of games whose charts are not bundled */
export const FIXTURE_SEEDS_DIR = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

export function loadFixtureGame(game: GameName): GameData {
  return {
    songs: JSON.parse(readFileSync(`${FIXTURE_SEEDS_DIR}songs-${game}.json`, 'utf8')) as SongDocument[],
    charts: JSON.parse(readFileSync(`${FIXTURE_SEEDS_DIR}charts-${game}.json`, 'utf8')) as ChartDocument[],
  };
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

/** The one-error message of a failed validation. */
export const oneError = (message: string) => `Got 1 error when validating score:\n${message}`;

/** "T" + sha256 of the sorted-key JSON Tachi hashes, written out by the test (not built by the code). */
export const tachiScoreID = (json: string) => `T${createHash('sha256').update(json, 'utf8').digest('hex')}`;

export function dry(game: GameName, scoreData: Record<string, unknown>, timeAchieved: number | null = null): DryScore {
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

/** One game's data and rules, with the steps of an import, for any of its playtypes. */
export function harness(module: GameModule, data: GameData = loadBundledGame(module.game)) {
  const game = module.game;
  const charts = new GameCharts(data);
  const definitionOf = (playtype: string) => {
    const d = module.gpt[playtype];
    if (!d) throw new Error(`${game} has no playtype ${playtype}`);
    return d;
  };

  const chart = (chartID: string): ChartDocument => {
    const c = charts.chart(chartID);
    if (!c) throw new Error(`no chart ${chartID} in the ${game} seeds`);
    return c;
  };
  const songOf = (c: ChartDocument): SongDocument => charts.song(c.songID)!;

  /** hydrateScore on a chart of the seeds (validators included unless switched off) */
  const hydrate = (
    c: ChartDocument,
    scoreData: Record<string, unknown>,
    opts: { scoreID?: string; timeAchieved?: number | null; validators?: boolean } = {},
  ): ScoreDocument => {
    const definition = definitionOf(c.playtype);
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

  const context = (playtype: string, version: string | null = null): BatchManualContext => ({ service: 'tests', game, playtype, version });

  /** A BATCH-MANUAL score through resolve → convert → scoreID → hydrate, as the pipeline does. */
  const fromBatch = (score: Record<string, unknown>, opts: { playtype?: string; version?: string | null; userID?: number } = {}) => {
    const playtype = opts.playtype ?? module.playtypes[0];
    const definition = definitionOf(playtype);
    const converted = convertBatchManualScore(score as BatchManualScore, context(playtype, opts.version ?? null), charts, 'file/batch-manual');
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

  /** a PB carrying calculatedData (primary unless said otherwise), for profile ratings */
  const pbWith = (calculatedData: Record<string, number | null>, extra: Partial<PBDocument> = {}): ProfilePB =>
    ({
      userID: 1,
      chartID: `chart-${Math.random()}`,
      game,
      playtype: module.playtypes[0],
      songID: 1,
      highlight: false,
      isPrimary: true,
      timeAchieved: null,
      composedFrom: [],
      scoreData: { judgements: {}, optional: { enumIndexes: {} }, enumIndexes: {} },
      calculatedData,
      ...extra,
    }) as ProfilePB;

  /** a PB on a real chart of the seeds */
  const pbOn = (c: ChartDocument, calculatedData: Record<string, number | null>, extra: Partial<PBDocument> = {}): ProfilePB =>
    pbWith(calculatedData, { chartID: c.chartID, songID: c.songID, playtype: c.playtype, isPrimary: c.isPrimary, ...extra });

  return { game, definitionOf, charts, chart, songOf, hydrate, context, fromBatch, pbWith, pbOn };
}
