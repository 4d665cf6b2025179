/** What the API puts in a BullMQ job: small, the upload itself is stored beside it (input-store). */
export interface ImportJobData {
  importID: string;
  userID: number;
  /** Tachi's importType, e.g. `file/batch-manual` (a name of core's import-type registry) */
  importType: string;
  userIntent: boolean;
  /** ms epoch when the API accepted the upload */
  submittedAt: number;
  /** what the import type reads besides the upload: form fields and headers (e.g. inferTimestamp, playtype) */
  options?: Record<string, string>;
}
