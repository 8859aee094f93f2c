/**
 * The form every reader (text, crawler text, markdown, HTML, PDF, DOCX) turns a document into,
 * so that one interpreter (import/interpret/) reads the report out of all of them.
 *
 * A reader keeps what the source shows and nothing more: it never merges or splits cells by
 * guessing. Where the source has no cell boundaries (crawler text), a line has one cell.
 */
export interface SourceDocument {
  /** What kind of source this came from, for warnings and benchmarks. */
  kind: 'text' | 'crawler-text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'xlsx' | 'json';
  /** Lines in reading order. A paragraph is a line with one cell; a table row is a line with its cells. */
  lines: SourceLine[];
  /** Facts the container states outside the body (crawler header 发布时间, HTML <title>/<meta>, PDF info). */
  meta: SourceMeta;
  /** Doubts found while reading (damaged markup, page breaks inside a table, encoding guessed). */
  warnings: { code: string; message: string; path?: string }[];
}

export interface SourceLine {
  /** Cell texts, already NFKC-normalised and trimmed; '' for an empty cell. */
  cells: string[];
  /** True when the line is a table row (cell boundaries are real), false for running text. */
  isTableRow: boolean;
  /** 1-based page number where the source has pages (PDF, page-break markers). */
  page?: number;
  /** What the reader knows of each cell, by index (CELL_* bits below), so that the interpreter need not scan it again. */
  facts?: number[];
}

/**
 * Facts about a cell's text (bits). A reader sets a bit when the cell may hold the thing and
 * may leave it unset only when the cell certainly does not; CELL_UNKNOWN claims nothing.
 */
export const CELL_MAY_HAVE_DIGIT = 1;
/** Whitespace: after normalisation, only ' ' (and tab). */
export const CELL_MAY_HAVE_SPACE = 2;
/** Nothing known: the interpreter normalises and searches the cell itself. */
export const CELL_UNKNOWN = CELL_MAY_HAVE_DIGIT | CELL_MAY_HAVE_SPACE;
/** The cell is NFKC, trimmed, and its only whitespace is ' ': the interpreter takes it as it is. */
export const CELL_NORMALIZED = 4;

export interface SourceMeta {
  title?: string;
  /** YYYY-MM-DD */
  publishedOn?: string;
  publisher?: string;
}
