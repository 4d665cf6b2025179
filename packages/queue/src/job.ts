/** What the API puts in a BullMQ job: small, the upload itself is stored beside it (input-store). */
export interface ImportJobData {
  importID: string;
  userID: number;
  importType: 'file/batch-manual' | 'ir/direct-manual';
  userIntent: boolean;
  inferTimestamp: boolean;
  /** ms epoch when the API accepted the upload */
  submittedAt: number;
}
