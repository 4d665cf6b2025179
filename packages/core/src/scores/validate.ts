import type { ScoreDocument } from '../documents.ts';
import { ScoreFailure } from '../errors.ts';
import type { ChartDocument, GPTDefinition, MetricSpec } from '../games/types.ts';

/** How far in the future a timeAchieved may be before it is rejected (spec §3.5 step 5). */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

type ChartValidators = GPTDefinition['rules']['chartValidators'];

/** Tachi's ValidateMetrics: appends one message per failure, in metric declaration order. */
function validateMetrics(
  errors: string[],
  metrics: Readonly<Record<string, MetricSpec>>,
  get: (metric: string) => unknown,
  chart: ChartDocument,
  chartValidators: ChartValidators,
  optional: boolean,
): void {
  for (const [metric, spec] of Object.entries(metrics)) {
    const value = get(metric);
    if (optional && (value === undefined || value === null)) continue;
    const shown = String(value);

    switch (spec.type) {
      case 'ENUM':
        if (!spec.values.includes(value as string)) {
          errors.push(`Invalid value for ${metric}, got ${shown}, but expected any of ${spec.values.join(', ')}.`);
        }
        break;

      case 'INTEGER':
      case 'DECIMAL': {
        // Like Tachi, the type failure does not stop the range check: both messages can appear.
        if (spec.type === 'INTEGER' && !Number.isSafeInteger(value)) {
          errors.push(`Invalid value for ${metric}, got ${shown}, but expected an integer.`);
        } else if (!Number.isFinite(value)) {
          errors.push(`Invalid value for ${metric}, got ${shown}, but expected a finite number.`);
        }
        const chartValidator = chartValidators[metric];
        const err = chartValidator !== undefined ? chartValidator(value as number, chart) : (spec.validate?.(value as number) ?? true);
        if (typeof err === 'string') errors.push(`Invalid value for ${metric}, ${err} Got ${shown}.`);
        break;
      }

      case 'GRAPH':
      case 'NULLABLE_GRAPH': {
        if (!Array.isArray(value)) {
          errors.push(`Invalid value for metric ${metric}, expected an array.`);
          break;
        }
        for (const v of value as unknown[]) {
          if (spec.type === 'NULLABLE_GRAPH' && v === null) continue;
          const err = spec.validate?.(v as number) ?? true;
          if (typeof err === 'string') errors.push(`Invalid value for metric ${metric}, ${err}, got ${String(v)}.`);
        }
        const sizeErr = spec.size?.((value as unknown[]).length) ?? true;
        if (typeof sizeErr === 'string') {
          errors.push(`Invalid size of metric ${metric}, ${sizeErr}, got an array of size ${(value as unknown[]).length}.`);
        }
        break;
      }
    }
  }
}

/**
 * Tachi's ValidateScore (spec §3.5 step 5).
 *
 * A timeAchieved more than 24 h after `now` fails at once with the bare message
 * "Invalid timestamp: score happens in the future." — Tachi throws it before any other check,
 * not wrapped in the "Got n errors" envelope. Otherwise every metric and game-validator error is
 * collected and thrown as one InvalidDatapoint: "Got <n> error(s) when validating score:\n…".
 */
export function validateScore(score: ScoreDocument, chart: ChartDocument, definition: GPTDefinition, now: number): void {
  if (score.timeAchieved !== null && score.timeAchieved > now + FUTURE_TOLERANCE_MS) {
    throw new ScoreFailure('InvalidDatapoint', 'Invalid timestamp: score happens in the future.');
  }
  const { config, rules } = definition;
  const errors: string[] = [];
  const sd = score.scoreData;
  validateMetrics(errors, config.providedMetrics, (m) => sd[m], chart, rules.chartValidators, false);
  validateMetrics(errors, config.derivedMetrics, (m) => sd[m], chart, rules.chartValidators, false);
  validateMetrics(errors, config.optionalMetrics, (m) => sd.optional[m], chart, rules.chartValidators, true);
  let crashed = false;
  for (const check of rules.scoreValidators) {
    try {
      const err = check(score, chart);
      if (err !== undefined) errors.push(err);
    } catch {
      // a check that meets a malformed metric: the metric's own error says what is wrong
      crashed = true;
    }
  }
  if (crashed && errors.length === 0) throw new ScoreFailure('InternalError', 'An internal service error has occured.');
  if (errors.length > 0) {
    const noun = errors.length === 1 ? 'error' : 'errors';
    throw new ScoreFailure('InvalidDatapoint', `Got ${errors.length} ${noun} when validating score:\n${errors.join('\n')}`);
  }
}
