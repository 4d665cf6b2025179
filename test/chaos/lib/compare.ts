/**
 * The chaos run against the undisturbed one, player by player: every import completed (by its
 * position in the player's sequence: its scoreIDs, skipped duplicates, errors, sessions created and
 * class deltas), every revert done, and the same stored state (scores by scoreID: none lost, none
 * extra; PBs with their rankings; sessions; profiles), and no failed import's leftovers.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ChaosPlan } from './plan.ts';
import type { ImportOutcome, PlayerOutcome, ScenarioResult } from './scenario.ts';

export interface Difference {
  player: string;
  what: string;
  detail: string;
}

export interface Comparison {
  differences: Difference[];
  /** scores stored by the reference run and missing from the chaos run */
  lost: number;
  /** scores the chaos run stored that the reference did not (a doubled or leftover score) */
  extra: number;
  scoresCompared: number;
  pbsCompared: number;
  sessionsCompared: number;
}

/** the first differing paths of two values, for a readable message */
function differingPaths(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 6 || isDeepStrictEqual(a, b)) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) === !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differingPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    return out;
  }
  const show = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 120);
  out.push(`${path || '(value)'}: reference ${show(a)}, chaos ${show(b)}`);
  return out;
}

function importSummary(o: ImportOutcome | undefined) {
  const doc = o?.result?.doc;
  if (!doc) return null;
  return {
    scoreIDs: [...doc.scoreIDs].sort(),
    skippedDuplicates: doc.skippedDuplicates ?? 0,
    errors: doc.errors.map((e) => `${e.type}: ${e.message}`).sort(),
    createdSessions: doc.createdSessions.map((s) => s.type).sort(),
    classDeltas: doc.classDeltas,
    game: doc.game,
    playtypes: doc.playtypes,
  };
}

export function compareRuns(plan: ChaosPlan, reference: ScenarioResult, chaos: ScenarioResult): Comparison {
  const differences: Difference[] = [];
  let lost = 0;
  let extra = 0;
  let scoresCompared = 0;
  let pbsCompared = 0;
  let sessionsCompared = 0;
  const diff = (player: string, what: string, detail: string) => differences.push({ player, what, detail });

  for (const p of plan.players) {
    const ref: PlayerOutcome = reference.players[p.index];
    const cha: PlayerOutcome = chaos.players[p.index];
    if (ref.error) diff(p.name, 'the reference run could not finish', ref.error);
    if (cha.error) diff(p.name, 'the chaos run could not finish', cha.error);

    // imports by position, reverts in order
    for (const action of p.actions) {
      if (action.kind !== 'import') continue;
      const r = importSummary(ref.imports.get(action.position));
      const c = importSummary(cha.imports.get(action.position));
      if (!r) diff(p.name, `import #${action.position} did not complete in the reference run`, JSON.stringify(ref.imports.get(action.position)?.failures ?? []));
      if (!c) {
        diff(p.name, `import #${action.position} never completed`, JSON.stringify(cha.imports.get(action.position)?.failures ?? []).slice(0, 600));
        continue;
      }
      if (r && !isDeepStrictEqual(r, c)) {
        const ids = new Set(r.scoreIDs);
        const cids = new Set(c.scoreIDs);
        const missing = r.scoreIDs.filter((id) => !cids.has(id)).length;
        const added = c.scoreIDs.filter((id) => !ids.has(id)).length;
        diff(
          p.name,
          `import #${action.position} (${cha.imports.get(action.position)!.result!.importID}) differs`,
          `${missing} of its scores missing, ${added} extra; ${differingPaths({ ...r, scoreIDs: r.scoreIDs.length }, { ...c, scoreIDs: c.scoreIDs.length }).join('; ')}`,
        );
      }
    }
    for (const [i, r] of ref.reverts.entries()) {
      const c = cha.reverts[i];
      if (!r.ok) diff(p.name, `revert of import #${r.target} failed in the reference run`, JSON.stringify(r));
      if (!c?.ok) diff(p.name, `revert of import #${r.target} not done`, JSON.stringify(c ?? null));
    }

    const rs = reference.snapshot.users.get(ref.userID)!;
    const cs = chaos.snapshot.users.get(cha.userID)!;
    // scores by scoreID
    const rScores = new Map(rs.state.scores.map((s) => [s.scoreID as string, s]));
    const cScores = new Map(cs.state.scores.map((s) => [s.scoreID as string, s]));
    scoresCompared += rScores.size;
    const missing = [...rScores.keys()].filter((id) => !cScores.has(id));
    const added = [...cScores.keys()].filter((id) => !rScores.has(id));
    lost += missing.length;
    extra += added.length;
    if (missing.length > 0) diff(p.name, `${missing.length} scores lost`, `e.g. ${missing.slice(0, 3).join(', ')}`);
    if (added.length > 0) diff(p.name, `${added.length} scores the reference does not have`, `e.g. ${added.slice(0, 3).join(', ')}`);
    let changed = 0;
    let example = '';
    for (const [id, s] of rScores) {
      const c = cScores.get(id);
      if (c && !isDeepStrictEqual(s, c)) {
        changed++;
        example ||= `${id}: ${differingPaths(s, c).join('; ')}`;
      }
    }
    if (changed > 0) diff(p.name, `${changed} scores stored differently`, example);

    // PBs (stored, and as shown with their rankings)
    const rPBs = new Map(rs.state.personalBests.map((pb) => [pb.chartID as string, pb]));
    const cPBs = new Map(cs.state.personalBests.map((pb) => [pb.chartID as string, pb]));
    pbsCompared += rPBs.size;
    const pbCharts = new Set([...rPBs.keys(), ...cPBs.keys()]);
    let pbDiffs = 0;
    let pbExample = '';
    for (const chartID of pbCharts) {
      const a = rs.rankedPBs.get(chartID) ?? rPBs.get(chartID) ?? null;
      const b = cs.rankedPBs.get(chartID) ?? cPBs.get(chartID) ?? null;
      if (!isDeepStrictEqual(a, b) || !isDeepStrictEqual(rPBs.get(chartID), cPBs.get(chartID))) {
        pbDiffs++;
        pbExample ||= `${chartID}: ${a === null ? 'only in the chaos run' : b === null ? 'missing' : differingPaths(a, b).join('; ')}`;
      }
    }
    if (pbDiffs > 0) diff(p.name, `${pbDiffs} PBs differ (with rankings)`, pbExample);
    for (const e of [...rs.pbErrors.map((x) => `reference: ${x}`), ...cs.pbErrors.map((x) => `chaos: ${x}`)].slice(0, 3)) diff(p.name, 'a PB could not be shown', e);

    // sessions, profiles
    sessionsCompared += rs.state.sessions.length;
    if (!isDeepStrictEqual(rs.state.sessions, cs.state.sessions)) {
      diff(
        p.name,
        'sessions differ',
        `${rs.state.sessions.length} in the reference, ${cs.state.sessions.length} in the chaos run; ${differingPaths(rs.state.sessions, cs.state.sessions).join('; ')}`,
      );
    }
    if (!isDeepStrictEqual(rs.state.gameStats, cs.state.gameStats)) {
      diff(p.name, 'profiles (game-stats) differ', differingPaths(rs.state.gameStats, cs.state.gameStats).join('; '));
    }
    if (rs.importIDs.length !== cs.importIDs.length) {
      diff(p.name, 'a different number of ImportDocuments', `reference ${rs.importIDs.length}, chaos ${cs.importIDs.length}`);
    }
    for (const [importID, n] of cs.leftovers) diff(p.name, 'leftover scores of an import without an ImportDocument', `${n} scores of ${importID}`);
    for (const [importID, n] of rs.leftovers) diff(p.name, 'leftover scores in the reference run', `${n} scores of ${importID}`);
  }
  if (!reference.settled) differences.push({ player: '-', what: 'the reference run did not settle', detail: reference.settleDetail });
  if (!chaos.settled) differences.push({ player: '-', what: 'the chaos run did not settle', detail: chaos.settleDetail });
  return { differences, lost, extra, scoresCompared, pbsCompared, sessionsCompared };
}
