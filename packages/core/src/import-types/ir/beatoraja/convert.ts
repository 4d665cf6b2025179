/** A beatoraja / LR2oraja score → a BMS or PMS dry score (Tachi's ConverterIRBeatoraja). */
import type { GameCharts } from '../../../charts/chart-index.ts';
import type { DryScore } from '../../../documents.ts';
import { createHash } from 'node:crypto';
import { ScoreFailure, type UnknownChart } from '../../../errors.ts';
import type { ChartDocument } from '../../../games/types.ts';
import type { ConvertedScore } from '../../types.ts';
import { songOf } from '../fervidex/convert.ts';
import type { BeatorajaChart, BeatorajaContext, BeatorajaScore } from './parse.ts';

const LAMP_LOOKUP = {
  NoPlay: 'NO PLAY',
  Failed: 'FAILED',
  AssistEasy: 'ASSIST CLEAR',
  LightAssistEasy: 'ASSIST CLEAR',
  Easy: 'EASY CLEAR',
  Normal: 'CLEAR',
  Hard: 'HARD CLEAR',
  ExHard: 'EX HARD CLEAR',
  FullCombo: 'FULL COMBO',
  Perfect: 'FULL COMBO',
  Max: 'FULL COMBO',
} as const;

const RANDOM_LOOKUP: Readonly<Record<number, string>> = { 0: 'NONRAN', 1: 'MIRROR', 2: 'RANDOM', 3: 'R-RANDOM', 4: 'S-RANDOM' };

const invalid = (message: string) => new ScoreFailure('InvalidDatapoint', message);

/** The chart of a score: BMS by SHA-256; PMS by SHA-256 and the playtype its device implies. */
export function findBeatorajaChart(charts: GameCharts, game: 'bms' | 'pms', data: Pick<BeatorajaScore, 'sha256' | 'deviceType'>): ChartDocument | null {
  if (game === 'bms') return charts.chartsWhere('hashSHA256', data.sha256)[0] ?? null;
  // still called BM_CONTROLLER for pop'n controllers
  let playtype: 'Controller' | 'Keyboard';
  if (data.deviceType === 'BM_CONTROLLER') playtype = 'Controller';
  else if (data.deviceType === 'KEYBOARD') playtype = 'Keyboard';
  else throw invalid('MIDI is not allowed for PMS scores.');
  return charts.chartsWhere('hashSHA256', data.sha256).find((c) => c.playtype === playtype) ?? null;
}

export function convertBeatoraja(data: BeatorajaScore, context: BeatorajaContext, charts: GameCharts): ConvertedScore {
  // always the chart's lntype: beatoraja sends IR scores with lntype 0 whatever was played
  if (context.chart.lntype !== 0) throw invalid('CN or HCN mode is not supported by this IR.');
  if (context.chart.hasRandom) throw invalid('Charts with #RANDOM declarations are not supported by this IR.');

  const game = context.game;
  const chart = findBeatorajaChart(charts, game, data);
  if (!chart) {
    // the score is kept as an orphan; the chart goes to the orphan-chart queue (pipeline/orphan-charts.ts),
    // as in Tachi only with a real MD5: beatoraja may send anything there
    const message = `This chart (${context.chart.artist} - ${context.chart.title}) is orphaned.`;
    throw new ScoreFailure('SongOrChartNotFound', message, context.chart.md5.length === 32 ? unknownChart(game, data, context.chart) : undefined);
  }
  const song = songOf(charts, chart);

  const optional: Record<string, number | null> = {
    bp: data.minbp === -1 ? null : data.minbp,
    gauge: data.gauge === -1 ? null : data.gauge,
  };
  for (const k of ['ebd', 'lbd', 'egd', 'lgd', 'egr', 'lgr', 'epg', 'lpg', 'epr', 'lpr'] as const) optional[k] = data[k];
  optional.epr = data.epr + data.ems;
  optional.lpr = data.lpr + data.lms;
  optional.fast = data.ebd + data.egr + data.epr + data.ems;
  optional.slow = data.lbd + data.lgr + data.lpr + data.lms;

  const judgements = {
    [game === 'pms' ? 'cool' : 'pgreat']: data.epg + data.lpg,
    great: data.egr + data.lgr,
    good: data.egd + data.lgd,
    bad: data.ebd + data.lbd,
    poor: data.epr + data.lpr + data.ems + data.lms,
  };

  // beatoraja's random option is broken for 14K
  const random = chart.playtype !== '14K' && [0, 1, 2, 3, 4].includes(data.option) ? RANDOM_LOOKUP[data.option] : null;

  const dryScore: DryScore = {
    comment: null,
    game,
    importType: 'ir/beatoraja',
    scoreData: { score: data.exscore, lamp: LAMP_LOOKUP[data.clear], optional, judgements },
    scoreMeta: { client: context.client, inputDevice: data.deviceType, random },
    timeAchieved: context.timeReceived,
    service: 'Beatoraja IR',
  };
  return { dryScore, song, chart };
}

/** Tachi's ConvertBeatorajaChartToTachi: the chart and song an unknown chart becomes once unorphaned. */
function unknownChart(game: 'bms' | 'pms', data: Pick<BeatorajaScore, 'deviceType'>, chart: BeatorajaChart): UnknownChart {
  const playtype = game === 'bms' ? (chart.mode === 'BEAT_7K' ? '7K' : '14K') : data.deviceType === 'BM_CONTROLLER' ? 'Controller' : 'Keyboard';
  const key = `${game}:${playtype}:${chart.sha256}`;
  return {
    key,
    game,
    chart: {
      // from the key: every import that unorphans it makes the same chart
      chartID: createHash('sha256').update(key).digest('hex').slice(0, 40),
      difficulty: 'CHART',
      isPrimary: true,
      level: '?',
      levelNum: 0,
      playtype,
      versions: [],
      data: { hashMD5: chart.md5, hashSHA256: chart.sha256, notecount: chart.notes, tableFolders: [], aiLevel: null, sglEC: null, sglHC: null },
    },
    song: {
      title: chart.title,
      artist: chart.artist,
      altTitles: [],
      searchTerms: [],
      data: { genre: chart.genre, subartist: chart.subartist, subtitle: chart.subtitle, tableString: null },
    },
  };
}
