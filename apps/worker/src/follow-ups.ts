import type { ImportJobData } from '@score-import/queue';
import type { OrphanChartOptions, SubmitFollowUps } from '@score-import/core';
import type { WorkerDeps } from './process-import.ts';

/**
 * A follow-up waits this long: the chart that made it is visible to every process within a second of
 * its import moving the game's data marker, which it does just after queueing it.
 */
const FOLLOW_UP_DELAY_MS = 3_000;

/**
 * Queues the imports an import makes for other players (their orphaned scores on a chart it has just
 * created), as the API queues a submission: the input and a `queued` status, then the job. Each has
 * an ID derived from its orphan, so queueing it again (a retried import) queues nothing more.
 */
export function followUpSubmitter(deps: Pick<WorkerDeps, 'statuses' | 'inputs' | 'cleanup'>): SubmitFollowUps {
  return async (imports) => {
    for (const f of imports) {
      await deps.inputs.putIfAbsent(f.importID, f.content);
      await deps.statuses.createIfAbsent(deps.statuses.queuedRecord(f.importID, f.userID, f.importType));
      const data: ImportJobData = {
        importID: f.importID,
        userID: f.userID,
        importType: f.importType,
        userIntent: false,
        options: f.options,
        submittedAt: f.submittedAt,
      };
      await deps.cleanup?.add('import', data, { jobId: f.importID, delay: FOLLOW_UP_DELAY_MS });
    }
  };
}

export function orphanChartOptions(deps: Pick<WorkerDeps, 'statuses' | 'inputs' | 'cleanup'>, queueSize: number): OrphanChartOptions {
  return { queueSize, submit: followUpSubmitter(deps) };
}
