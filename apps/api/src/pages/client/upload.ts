/** Import a file: pick (or drop) a file, submit it with the token, then watch its progress. */
import type { ImportAccepted } from '@score-import/contracts';
import { api, getToken } from './api.ts';
import { byID, h, replace } from './dom.ts';
import { num } from './format.ts';
import { ProgressView, watchImport } from './progress.ts';

function describeFile(file: File | undefined): string {
  return file ? `Selected: ${file.name} (${num(Math.ceil(file.size / 1024))} KiB).` : 'Choose a file, or drop one here.';
}

export function uploadPage(): void {
  const form = byID<HTMLFormElement>('upload-form');
  const fileInput = byID<HTMLInputElement>('score-file');
  const zone = byID('dropzone');
  const help = byID('file-help');
  const message = byID('form-message');
  const submit = byID<HTMLButtonElement>('submit-import');
  const section = byID('progress-section');
  const progress = byID('progress');
  const heading = byID('progress-heading');

  fileInput.addEventListener('change', () => (help.textContent = describeFile(fileInput.files?.[0])));
  // drag and drop onto the zone (the file input inside it stays the keyboard's way)
  for (const name of ['dragenter', 'dragover']) {
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add('dragging');
    });
  }
  for (const name of ['dragleave', 'drop']) zone.addEventListener(name, () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    const files = (event as DragEvent).dataTransfer?.files;
    if (!files || files.length === 0) return;
    const list = new DataTransfer();
    list.items.add(files[0]);
    fileInput.files = list.files;
    help.textContent = describeFile(files[0]);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    const file = fileInput.files?.[0];
    if (!getToken()) {
      message.textContent = 'Enter your API token first.';
      byID('token').focus();
      return;
    }
    if (!file) {
      message.textContent = 'Choose a score file first.';
      fileInput.focus();
      return;
    }
    const body = new FormData();
    body.append('importType', byID<HTMLSelectElement>('import-type').value);
    body.append('scoreData', file, file.name);
    submit.disabled = true;
    submit.textContent = 'Uploading…';
    const { status, json } = await api<ImportAccepted['body']>('/api/v1/import/file', { method: 'POST', body });
    submit.disabled = false;
    submit.textContent = 'Import';
    if (status !== 202 || !json.success) {
      message.textContent = `The file was not accepted (${status}): ${json.description}`;
      return;
    }
    const { importID } = json.body;
    const view = new ProgressView();
    section.hidden = false;
    replace(progress, h('p', null, 'Import ', h('a', { href: `/imports/${importID}`, class: 'id' }, importID)), view.root);
    heading.setAttribute('tabindex', '-1');
    heading.focus();
    const outcome = await watchImport(importID, view);
    if (outcome.kind === 'completed') {
      view.result.append(h('p', null, h('a', { href: `/imports/${importID}`, class: 'button' }, 'Open the import')));
    }
  });
}
