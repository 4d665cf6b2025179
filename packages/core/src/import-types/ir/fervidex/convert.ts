/** A fervidex score → an IIDX dry score (Tachi's ConverterIRFervidex). */
import type { GameCharts } from '../../../charts/chart-index.ts';
import type { DryScore } from '../../../documents.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ChartDocument, SongDocument } from '../../../games/types.ts';
import type { ConvertedScore } from '../../types.ts';
import type { FervidexChart, FervidexContext, FervidexScore } from './parse.ts';

export const FERVIDEX_LAMP_LOOKUP = {
  0: 'NO PLAY',
  1: 'FAILED',
  2: 'ASSIST CLEAR',
  3: 'EASY CLEAR',
  4: 'CLEAR',
  5: 'HARD CLEAR',
  6: 'EX HARD CLEAR',
  7: 'FULL COMBO',
} as const;

type Option = NonNullable<FervidexScore['option']>;

export function tachifyAssist(assist: Option['assist']): string {
  switch (assist) {
    case 'FULL_ASSIST':
    case 'ASCR_LEGACY':
      return 'FULL ASSIST';
    case 'AUTO_SCRATCH':
      return 'AUTO SCRATCH';
    case 'LEGACY_NOTE':
      return 'LEGACY NOTE';
    default:
      return 'NO ASSIST';
  }
}

export function tachifyGauge(gauge: Option['gauge']): string {
  switch (gauge) {
    case 'ASSISTED_EASY':
      return 'ASSISTED EASY';
    case 'EASY':
      return 'EASY';
    case 'EX_HARD':
      return 'EX-HARD';
    case 'HARD':
      return 'HARD';
    // null, undefined and the EROSION gauges
    default:
      return 'NORMAL';
  }
}

export function tachifyRange(range: Option['range']): string {
  switch (range) {
    case 'HIDDEN_PLUS':
      return 'HIDDEN+';
    case 'LIFT':
      return 'LIFT';
    case 'LIFT_SUD_PLUS':
      return 'LIFT SUD+';
    case 'SUDDEN_PLUS':
      return 'SUDDEN+';
    case 'SUD_PLUS_HID_PLUS':
      return 'SUD+ HID+';
    default:
      return 'NONE';
  }
}

export function tachifyRandom(style: Option['style']): string {
  switch (style) {
    case 'RANDOM':
      return 'RANDOM';
    case 'S_RANDOM':
      return 'S-RANDOM';
    case 'R_RANDOM':
      return 'R-RANDOM';
    case 'MIRROR':
      return 'MIRROR';
    default:
      return 'NONRAN';
  }
}

const DIFFICULTIES: Partial<Record<string, string>> = { n: 'NORMAL', h: 'HYPER', a: 'ANOTHER', l: 'LEGGENDARIA' };

/** Tachi's SplitFervidexChartRef (BEGINNER charts are left out by the parsers). */
export function splitFervidexChartRef(ferDif: FervidexChart): { playtype: 'SP' | 'DP'; difficulty: string } {
  const playtype = ferDif.startsWith('sp') ? 'SP' : 'DP';
  const difficulty = DIFFICULTIES[ferDif[ferDif.length - 1]];
  // Tachi: InternalFailure "Invalid fervidex difficulty of …" (its message is not shown)
  if (difficulty === undefined) throw new ScoreFailure('InternalError', 'An internal error has occured.');
  return { playtype, difficulty };
}

/**
 * Scripted Long was an ANOTHER with id 21201 and is now LEGGENDARIA 12250; omnimix before October
 * 2023 still sends the old one.
 */
export function remapScriptedLong(entryID: number, difficulty: string): { entryID: number; difficulty: string } {
  return entryID === 21201 && difficulty === 'ANOTHER' ? { entryID: 12250, difficulty: 'LEGGENDARIA' } : { entryID, difficulty };
}

/** Tachi's FindIIDXChartOnInGameIDVersion: a non-2dxtra chart of this in-game ID in this version. */
export function findIIDXChart(charts: GameCharts, inGameID: number, playtype: string, difficulty: string, version: string): ChartDocument | null {
  return (
    charts
      .chartsWhere('inGameID', inGameID)
      .find(
        (c) => c.playtype === playtype && c.difficulty === difficulty && (c.data['2dxtraSet'] ?? null) === null && c.versions.includes(version),
      ) ?? null
  );
}

export function songOf(charts: GameCharts, chart: ChartDocument): SongDocument {
  const song = charts.song(chart.songID);
  // Tachi: InternalFailure "Song … has no parent song?"
  if (!song) throw new ScoreFailure('InternalError', 'An internal error has occured.');
  return song;
}

/** Tachi's DeleteUndefinedProps: removes undefined values, recursing into objects (not arrays). */
export function deleteUndefinedProps(record: Record<string, unknown>): void {
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined) delete record[key];
    else if (value && typeof value === 'object' && !Array.isArray(value)) deleteUndefinedProps(value as Record<string, unknown>);
  }
}

export function convertFervidex(data: FervidexScore, context: FervidexContext, charts: GameCharts): ConvertedScore {
  const split = splitFervidexChartRef(data.chart);
  const { playtype } = split;
  const { entryID, difficulty } = remapScriptedLong(data.entry_id, split.difficulty);

  let chart: ChartDocument | null;
  if (data.custom === true) {
    if (data.chart_sha256 === undefined || data.chart_sha256 === '') {
      throw new ScoreFailure('InvalidDatapoint', 'Score has no chart_sha256 but is a custom?');
    }
    chart = charts.chartsWhere('hashSHA256', data.chart_sha256)[0] ?? null;
  } else {
    chart = findIIDXChart(charts, entryID, playtype, difficulty, context.version);
  }
  if (!chart) {
    throw new ScoreFailure('SongOrChartNotFound', `Could not find chart with songID ${entryID} (${playtype} ${difficulty} [${context.version}])`);
  }
  const song = songOf(charts, chart);

  const gaugeHistory = data.gauge.map((e) => (e > 200 ? null : e));
  const gauge = gaugeHistory[gaugeHistory.length - 1];
  if ((gauge ?? 0) > 100) throw new ScoreFailure('InvalidDatapoint', `Invalid value of gauge ${gauge}.`);

  const gsm = data['2dx-gsm'];
  const dryScore: DryScore = {
    game: 'iidx',
    service: 'Fervidex',
    comment: null,
    importType: 'ir/fervidex',
    timeAchieved: context.timeReceived,
    scoreData: {
      score: data.ex_score,
      lamp: FERVIDEX_LAMP_LOOKUP[data.clear_type],
      judgements: { pgreat: data.pgreat, great: data.great, good: data.good, bad: data.bad, poor: data.poor },
      optional: {
        fast: data.fast,
        slow: data.slow,
        maxCombo: null,
        gaugeHistory,
        scoreHistory: data.ghost,
        gauge,
        // a player who died early has no meaningful BP
        bp: data.dead ? null : data.bad + data.poor,
        comboBreak: data.combo_break,
        gsmEasy: gsm?.EASY,
        gsmNormal: gsm?.NORMAL,
        gsmHard: gsm?.HARD,
        gsmEXHard: gsm?.EX_HARD,
      },
    },
    scoreMeta: {
      assist: tachifyAssist(data.option?.assist),
      gauge: tachifyGauge(data.option?.gauge),
      random: chart.playtype === 'SP' ? tachifyRandom(data.option?.style) : [tachifyRandom(data.option?.style), tachifyRandom(data.option?.style_2p)],
      range: tachifyRange(data.option?.range),
    },
  };
  deleteUndefinedProps(dryScore as unknown as Record<string, unknown>);
  return { dryScore, song, chart };
}
