/**
 * The token panel: the API token is typed or pasted once and kept in this browser (localStorage)
 * if the person wants; GET /api/v1/status says whose it is and what it may do.
 */
import type { ServerStatus } from '@score-import/contracts';
import { api, getToken, isRemembered, setToken } from './api.ts';
import { h, replace } from './dom.ts';

export type Identity = { ok: true; status: ServerStatus } | { ok: false; description: string };

let cache: { token: string | null; identity: Promise<Identity> } | null = null;

/** Who the current token is (cached per token); without a token, a guest's status. */
export function identity(): Promise<Identity> {
  const token = getToken();
  if (cache && cache.token === token) return cache.identity;
  const promise = api<ServerStatus>('/api/v1/status').then(({ json }): Identity =>
    json.success ? { ok: true, status: json.body } : { ok: false, description: json.description },
  );
  cache = { token, identity: promise };
  return promise;
}

function describe(id: Identity): (Node | string)[] {
  if (!id.ok) return [h('span', { class: 'bad' }, `This token is not accepted: ${id.description}`)];
  const { status } = id;
  if (status.whoami === null) return ['No token yet.'];
  return [
    'Signed in as ',
    h('strong', null, status.username ?? `#${status.whoami}`),
    ` (user #${status.whoami}${status.isAdmin ? ', admin' : ''}). Permissions: `,
    status.permissions.length ? status.permissions.join(', ') : 'none',
    '.',
  ];
}

/** Wires the panel of the page, if it has one. */
export function initTokenPanel(): void {
  const input = document.getElementById('token') as HTMLInputElement | null;
  if (!input) return;
  const remember = document.getElementById('remember-token') as HTMLInputElement;
  const forget = document.getElementById('forget-token') as HTMLButtonElement;
  const whoami = document.getElementById('whoami') as HTMLElement;
  input.value = getToken() ?? '';
  remember.checked = isRemembered() || !input.value;

  const show = async () => {
    const token = getToken();
    if (!token) {
      replace(whoami, 'No token yet.');
      return;
    }
    const id = await identity();
    if (getToken() === token) replace(whoami, ...describe(id));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    setToken(input.value.trim(), remember.checked);
    clearTimeout(timer);
    timer = setTimeout(() => void show(), 300);
  });
  remember.addEventListener('change', () => setToken(input.value.trim(), remember.checked));
  forget.addEventListener('click', () => {
    input.value = '';
    setToken(null, false);
    void show();
    input.focus();
  });
  void show();
}
