/**
 * The HTML of the pages: one shell (header, navigation, skip link, the bundled script and
 * stylesheet) around each page's static part. Everything that comes from the API is rendered by
 * the browser code (./client), which finds what it needs in the page's JSON data block.
 */
import { FILE_IMPORT_TYPE_NAMES } from '@score-import/core';
import type { Bundle } from './bundle.ts';
import type { PageData } from './client/page-data.ts';

export type { PageData };

export function escapeHTML(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a <script> element: `<` escaped so that no `</script>` can end it early. */
function scriptJSON(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const NAV: [href: string, label: string][] = [
  ['/', 'Home'],
  ['/import', 'Import a file'],
  ['/imports', 'Latest imports'],
  ['/imports/failed', 'Failed imports'],
  ['/docs', 'API'],
];

const TOKEN_PANEL = `
<section class="panel token-panel" aria-labelledby="token-heading">
  <h2 id="token-heading">Your API token</h2>
  <p id="token-help" class="hint">Kept in this browser only and sent with your requests as <code>Authorization: Bearer</code>.
  Create one with <code>npm run cli -- token:create &lt;username&gt;</code>.</p>
  <div class="field">
    <label for="token">API token</label>
    <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" aria-describedby="token-help">
  </div>
  <div class="row">
    <span class="check"><input id="remember-token" type="checkbox" checked><label for="remember-token">Remember it in this browser</label></span>
    <button type="button" id="forget-token" class="secondary">Forget the token</button>
  </div>
  <p id="whoami" class="whoami" role="status" aria-live="polite"></p>
</section>`;

function body(data: PageData): { title: string; html: string } {
  switch (data.page) {
    case 'home':
      return {
        title: 'score-import',
        html: `
<h1>score-import</h1>
<p class="lead">Upload BATCH-MANUAL score files, watch them being imported, read the result and revert it.</p>
<ul class="cards">
  <li><a href="/import"><strong>Import a file</strong><span>Upload a score file with your API token and watch its progress.</span></a></li>
  <li><a href="/imports"><strong>Latest imports</strong><span>The 500 most recent imports of everyone.</span></a></li>
  <li><a href="/imports/failed"><strong>Failed imports</strong><span>Imports that could not be read, and why.</span></a></li>
  <li><a href="/users/me/imports"><strong>My imports</strong><span>Your own imports (needs your token).</span></a></li>
</ul>
<form class="panel inline-form" id="user-form" action="/users" method="get">
  <div class="field">
    <label for="user-query">A user's imports: username or user ID</label>
    <input id="user-query" name="user" required autocomplete="off" spellcheck="false">
  </div>
  <button type="submit">Show their imports</button>
</form>
<p class="hint">Scripts use the same routes: see the <a href="/docs">API documentation</a>.</p>`,
      };
    case 'upload':
      return {
        title: 'Import a file',
        html: `
<h1>Import a file</h1>
${TOKEN_PANEL}
<form id="upload-form" class="panel" novalidate>
  <h2>Score file</h2>
  <div class="field">
    <label for="import-type">Import type</label>
    <select id="import-type" name="importType">
      ${data.importTypes.map((t) => `<option value="${escapeHTML(t)}">${escapeHTML(t)}</option>`).join('')}
    </select>
  </div>
  <div class="field">
    <label for="score-file">Score file (JSON)</label>
    <div class="dropzone" id="dropzone">
      <input id="score-file" name="scoreData" type="file" accept=".json,application/json" aria-describedby="file-help">
      <p id="file-help" class="hint">Choose a file, or drop one here.</p>
    </div>
  </div>
  <button type="submit" id="submit-import">Import</button>
  <p id="form-message" class="message" role="alert"></p>
</form>
<section id="progress-section" class="panel" aria-labelledby="progress-heading" hidden>
  <h2 id="progress-heading">Progress</h2>
  <div id="progress"></div>
</section>`,
      };
    case 'imports':
      return { title: 'Latest imports', html: '<h1>Latest imports</h1><div id="content" aria-busy="true"><p>Loading…</p></div>' };
    case 'failed':
      return { title: 'Failed imports', html: '<h1>Failed imports</h1><div id="content" aria-busy="true"><p>Loading…</p></div>' };
    case 'user':
      return {
        title: `Imports of ${data.userID}`,
        html: `<h1>Imports of <span id="user-name">${escapeHTML(data.userID)}</span></h1>
${data.userID === 'me' ? TOKEN_PANEL : ''}
<div id="content" aria-busy="true"><p>Loading…</p></div>`,
      };
    case 'import':
      return {
        title: `Import ${data.importID.slice(0, 12)}`,
        html: `<h1>Import <code class="id">${escapeHTML(data.importID.slice(0, 12))}</code></h1>
<div id="content" aria-busy="true"><p>Loading…</p></div>
<details class="panel token-details" id="token-details">
  <summary>API token (to revert this import)</summary>
  ${TOKEN_PANEL}
</details>`,
      };
  }
}

/** A whole page. */
export function renderPage(data: PageData, bundle: Bundle, currentPath: string): string {
  const { title, html } = body(data);
  const nav = NAV.map(
    ([href, label]) => `<li><a href="${href}"${href === currentPath ? ' aria-current="page"' : ''}>${escapeHTML(label)}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHTML(title)} · score-import</title>
<link rel="stylesheet" href="/assets/${bundle.style.name}">
<script type="module" src="/assets/${bundle.script.name}"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header">
  <a class="brand" href="/">score-import</a>
  <nav aria-label="Main"><ul>${nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
${html}
</main>
<script type="application/json" id="page-data">${scriptJSON(data)}</script>
</body>
</html>
`;
}

export const UPLOAD_PAGE_DATA: PageData = { page: 'upload', importTypes: [...FILE_IMPORT_TYPE_NAMES] };
