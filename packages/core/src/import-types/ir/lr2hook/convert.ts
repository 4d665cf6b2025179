/** An LR2hook score → a BMS dry score (Tachi's ConverterLR2Hook). */
import type { GameCharts } from '../../../charts/chart-index.ts';
import type { DryScore } from '../../../documents.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ConvertedScore } from '../../types.ts';
import { songOf } from '../fervidex/convert.ts';
import type { LR2HookContext, LR2HookScore } from './parse.ts';

const GAUGES: Record<LR2HookScore['playerData']['gauge'], string> = {
  EASY: 'EASY',
  GROOVE: 'NORMAL',
  // Tachi: "these are actually separate gauges from HARD"
  'G-ATTACK': 'HARD',
  HAZARD: 'HARD',
  'P-ATTACK': 'HARD',
  HARD: 'HARD',
};

const RANDOMS: Record<LR2HookScore['playerData']['random'], string> = { NORAN: 'NONRAN', MIRROR: 'MIRROR', RAN: 'RANDOM', 'S-RAN': 'S-RANDOM' };

const LAMPS: Record<LR2HookScore['scoreData']['lamp'], string> = {
  EASY: 'EASY CLEAR',
  FAIL: 'FAILED',
  'FULL COMBO': 'FULL COMBO',
  HARD: 'HARD CLEAR',
  'NO PLAY': 'NO PLAY',
  NORMAL: 'CLEAR',
};

export function convertLR2Hook(data: LR2HookScore, context: LR2HookContext, charts: GameCharts): ConvertedScore {
  // Tachi's FindBMSChartOnHash: the MD5 or the SHA-256
  const chart = charts.chartsWhere('hashMD5', data.md5)[0] ?? charts.chartsWhere('hashSHA256', data.md5)[0];
  if (!chart) throw new ScoreFailure('SongOrChartNotFound', `Could not find chart with md5 ${data.md5}.`);
  const song = songOf(charts, chart);

  const sd = data.scoreData;
  const ext = sd.extendedJudgements;
  let bp: number | null;
  if (ext !== null && ext !== undefined) bp = sd.bad + sd.poor + sd.notesTotal - ext.notesPlayed;
  // without extended judgements notesPlayed can be wrong after a restart: only a full play counts
  else bp = sd.notesPlayed === sd.notesTotal ? sd.bad + sd.poor : null;

  const graphs = sd.extendedHpGraphs;
  const dryScore: DryScore = {
    game: 'bms',
    service: 'LR2Hook',
    comment: null,
    importType: 'ir/lr2hook',
    timeAchieved: data.unixTimestamp !== undefined ? data.unixTimestamp * 1_000 : context.timeReceived,
    scoreData: {
      score: sd.exScore,
      lamp: LAMPS[sd.lamp],
      judgements: { pgreat: sd.pgreat, great: sd.great, good: sd.good, bad: sd.bad, poor: sd.poor },
      optional: {
        bp,
        maxCombo: sd.maxCombo,
        gauge: sd.hpGraph[999] ?? 0,
        gaugeHistory: sd.hpGraph,
        ebd: ext?.ebd,
        lbd: ext?.lbd,
        egd: ext?.egd,
        lgd: ext?.lgd,
        egr: ext?.egr,
        lgr: ext?.lgr,
        epg: ext?.epg,
        lpg: ext?.lpg,
        epr: ext?.epr,
        lpr: ext?.lpr,
        fast: ext?.fast,
        slow: ext?.slow,
        gaugeHistoryEasy: graphs?.easy,
        gaugeHistoryGroove: graphs?.groove,
        gaugeHistoryHard: graphs?.hard,
      },
    },
    scoreMeta: {
      gauge: GAUGES[data.playerData.gauge],
      random: chart.playtype === '7K' ? RANDOMS[data.playerData.random] : null,
      client: 'LR2',
    },
  };
  return { dryScore, song, chart };
}
