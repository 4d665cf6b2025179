/** Exact checks of an import type's failures (tap's t.rejects/t.throws only match messages as substrings). */
import type { Test } from 'tap';
import { ImportFatalError, ScoreFailure } from '../../src/errors.ts';

/** `fn` fails the whole import with exactly this status and message. */
export async function fatal(t: Test, fn: () => unknown, statusCode: number, message: string) {
  try {
    await fn();
    t.fail(`expected a fatal error: ${message}`);
  } catch (err) {
    t.ok(err instanceof ImportFatalError, `an ImportFatalError: ${message}`);
    t.strictSame({ statusCode: (err as ImportFatalError).statusCode, message: (err as Error).message }, { statusCode, message });
  }
}

/** `fn` fails one score with exactly this type and message. */
export function scoreFailure(t: Test, fn: () => unknown, type: string, message: string) {
  try {
    fn();
    t.fail(`expected a score failure: ${message}`);
  } catch (err) {
    t.ok(err instanceof ScoreFailure, `a ScoreFailure: ${message}`);
    t.strictSame({ type: (err as ScoreFailure).type, message: (err as Error).message }, { type, message });
  }
}
