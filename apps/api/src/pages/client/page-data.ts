/** What the server puts in a page's #page-data block (../html.ts) for the browser code (main.ts). */
export type PageData =
  | { page: 'home' }
  | { page: 'upload'; importTypes: string[] }
  | { page: 'imports' }
  | { page: 'failed' }
  | { page: 'user'; userID: string }
  | { page: 'import'; importID: string };
