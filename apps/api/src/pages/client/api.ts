/**
 * The API as the pages call it: same origin, Tachi's envelope, the token from this browser's
 * storage. Types come from the API's own TypeBox schemas (packages/contracts).
 */
import type { ErrorEnvelope } from '@score-import/contracts';

export type Envelope<T> = { success: true; description: string; body: T } | ErrorEnvelope;

export interface Answer<T> {
  status: number;
  json: Envelope<T>;
  headers: Headers;
}

const TOKEN_KEY = 'score-import.token';

/** The remembered token (localStorage), or one typed in for this page only. */
let sessionToken: string | null = null;

export function getToken(): string | null {
  if (sessionToken) return sessionToken;
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null, remember: boolean): void {
  sessionToken = token || null;
  try {
    if (token && remember) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token lives as long as the page
  }
  document.dispatchEvent(new CustomEvent('token-change'));
}

export function isRemembered(): boolean {
  try {
    return localStorage.getItem(TOKEN_KEY) !== null;
  } catch {
    return false;
  }
}

/** A request to the API; a network failure or a non-JSON answer becomes a failed envelope. */
export async function api<T>(path: string, options: { method?: string; body?: FormData; auth?: boolean } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.auth === false ? null : getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? 'GET', body: options.body, headers });
  } catch (err) {
    return {
      status: 0,
      headers: new Headers(),
      json: { success: false, description: `The server could not be reached (${(err as Error).message}).` },
    };
  }
  let json: Envelope<T>;
  try {
    json = (await res.json()) as Envelope<T>;
  } catch {
    json = { success: false, description: `The server answered ${res.status} ${res.statusText} without JSON.` };
  }
  return { status: res.status, json, headers: res.headers };
}
