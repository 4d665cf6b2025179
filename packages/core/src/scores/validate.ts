import type { ScoreDocument } from '../documents.ts';
import { ScoreFailure } from '../errors.ts';
import { GAMES } from '../games/registry.ts';
import type { ChartDocument, MetricSpec } from '../games/types.ts';
import { chartMetricValidators, gameScoreValidator, type ChartMetricValidator } from '../games/validators.ts';

/** How far in the future a timeAchieved may be before it is rejected (spec §3.5 step 5). */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * The range validator Tachi's config attaches to a number metric, with prudence 0.10.0's message:
 * bounded → p.isBetween ("Expected a number between a and b."), min 0 only on an INTEGER →
 * p.isPositiveInteger ("Expected a positive integer."). No bounds → no validator.
 */
function rangeValidator(spec: MetricSpec): ((v: unknown) => string | true) | undefined {
  if (spec.type === 'ENUM') return undefined;
  const { min, max } = spec;
  if (min !== undefined && max !== undefined) {
    const msg = ('rangeMessage' in spec && spec.rangeMessage) || `Expected a number between ${min} and ${max}.`;
    return (v) => (typeof v === 'number' && v >= min && v <= max) || msg;
  }
  if (spec.type === 'INTEGER' && min === 0 && max === undefined) {
    const msg = spec.rangeMessage ?? 'Expected a positive integer.';
    return (v) => (Number.isSafeInteger(v) && (v as number) >= 0) || msg;
  }
  if (min !== undefined || max !== undefined) {
    // Not used by SDVX/CHUNITHM; kept generic so a new config cannot silently skip its bound.
    const lo = min ?? -Infinity;
    const hi = max ?? Infinity;
    const msg = ('rangeMessage' in spec && spec.rangeMessage) || `Expected a number between ${lo} and ${hi}.`;
    return (v) => (typeof v === 'number' && v >= lo && v <= hi) || msg;
  }
  return undefined;
}

/** Tachi's ValidateMetrics: appends one message per failure, in metric declaration order. */
function validateMetrics(
  errors: string[],
  metrics: Readonly<Record<string, MetricSpec>>,
  get: (metric: string) => unknown,
  chart: ChartDocument,
  chartValidators: Readonly<Record<string, ChartMetricValidator>>,
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
        let err: string | true = true;
        if (chartValidator !== undefined) {
          err = chartValidator(value as number, chart);
        } else {
          const validator = rangeValidator(spec);
          if (validator !== undefined) err = validator(value);
        }
        if (typeof err === 'string') errors.push(`Invalid value for ${metric}, ${err} Got ${shown}.`);
        break;
      }

      case 'GRAPH': {
        if (!Array.isArray(value)) {
          errors.push(`Invalid value for metric ${metric}, expected an array.`);
          break;
        }
        const validator = rangeValidator(spec);
        if (validator === undefined) break;
        for (const v of value as unknown[]) {
          const err = validator(v);
          if (typeof err === 'string') errors.push(`Invalid value for metric ${metric}, ${err}, got ${String(v)}.`);
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
export function validateScore(score: ScoreDocument, chart: ChartDocument, now: number): void {
  if (score.timeAchieved !== null && score.timeAchieved > now + FUTURE_TOLERANCE_MS) {
    throw new ScoreFailure('InvalidDatapoint', 'Invalid timestamp: score happens in the future.');
  }

  const config = GAMES[score.game];
  const chartValidators = chartMetricValidators(score.game);
  const errors: string[] = [];

  const sd = score.scoreData;
  validateMetrics(errors, config.providedMetrics, (m) => sd[m], chart, chartValidators, false);
  validateMetrics(errors, config.derivedMetrics, (m) => sd[m], chart, chartValidators, false);
  const optionalSpecs: Record<string, MetricSpec> = {};
  for (const [m, o] of Object.entries(config.optionalMetrics)) optionalSpecs[m] = o.spec;
  validateMetrics(errors, optionalSpecs, (m) => sd.optional[m], chart, chartValidators, true);

  errors.push(...gameScoreValidator(score.game)(score));

  if (errors.length > 0) {
    const noun = errors.length === 1 ? 'error' : 'errors';
    throw new ScoreFailure('InvalidDatapoint', `Got ${errors.length} ${noun} when validating score:\n${errors.join('\n')}`);
  }
}
