/**
 * The pages' browser code (bundled by the API with esbuild, see ../bundle.ts): reads what the
 * server put in #page-data and draws the page.
 */
import type { PageData } from './page-data.ts';
import { importPage } from './import-page.ts';
import { failedImportsPage, latestImportsPage, userImportsPage } from './lists.ts';
import { initTokenPanel } from './token.ts';
import { uploadPage } from './upload.ts';

async function start(): Promise<void> {
  const data = JSON.parse(document.getElementById('page-data')?.textContent ?? '{}') as PageData;
  initTokenPanel();
  switch (data.page) {
    case 'upload':
      return uploadPage();
    case 'import':
      return importPage(data.importID);
    case 'imports':
      return latestImportsPage();
    case 'failed':
      return failedImportsPage();
    case 'user':
      return userImportsPage(data.userID);
    case 'home':
      return;
  }
}

start()
  .catch((err: unknown) => {
    const main = document.getElementById('content') ?? document.getElementById('main');
    main?.append(Object.assign(document.createElement('p'), { className: 'message bad', role: 'alert', textContent: `Something went wrong: ${(err as Error).message}` }));
  })
  .finally(() => document.documentElement.setAttribute('data-ready', 'true'));
