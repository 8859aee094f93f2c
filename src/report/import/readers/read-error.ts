/**
 * The error a reader throws when the bytes cannot be read at all (not a PDF, a corrupt or
 * encrypted file, not a DOCX). Its message is Chinese and says what was wrong; the importer
 * (import/index.ts) may wrap it in its own ReportReadError.
 */
export class SourceReadError extends Error {
  constructor(message: string, readonly code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceReadError';
  }
}
