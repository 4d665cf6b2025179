import { createHash } from 'node:crypto';

/**
 * Stable JSON stringification, byte-for-byte what fast-json-stable-hash 1.0.3's `stringify` does
 * (Tachi hashes scoreIDs with it, spec §3.5): object keys sorted with the default JS sort
 * (UTF-16 code units) at every depth, strings through JSON.stringify, numbers/booleans/null
 * through String(), arrays in order, no whitespace.
 */
export function stableStringify(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: unknown) => stableStringify(v)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    const parts = Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`);
    return `{${parts.join(',')}}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  // fjsh throws for undefined, functions, symbols and bigints; so do we, so a bad element is loud.
  throw new TypeError(`Invalid JSON type of ${typeof value}. stableStringify can only hash JSON values.`);
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of `s`. */
export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}
