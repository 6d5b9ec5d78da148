// Errors cross every boundary as data: a stable code and a message a user can act on.

export type QuireErrorCode =
  | 'invalid-input'
  | 'invalid-query'
  | 'not-found'
  | 'archive-newer'
  | 'archive-corrupt'
  | 'archive-busy'
  | 'archive-readonly'
  | 'disk-full'
  | 'archive-unreadable'
  | 'import-rejected'
  | 'cancelled'
  | 'unauthorized'
  | 'internal';

export class QuireError extends Error {
  readonly code: QuireErrorCode;
  constructor(code: QuireErrorCode, message: string) {
    super(message);
    this.name = 'QuireError';
    this.code = code;
  }
}

export function isQuireError(value: unknown): value is QuireError {
  return value instanceof QuireError;
}

export interface ErrorData {
  code: string;
  message: string;
}

/** Turns anything thrown into data safe to show: internal details never leak into the message. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof QuireError) return { code: error.code, message: error.message };
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string' && KNOWN_CODES.has(e.code)) {
      return { code: e.code, message: e.message };
    }
  }
  return { code: 'internal', message: 'Something went wrong inside Quire. The archive was not changed.' };
}

export function fromErrorData(data: ErrorData): QuireError {
  const code = (KNOWN_CODES.has(data.code) ? data.code : 'internal') as QuireErrorCode;
  return new QuireError(code, data.message);
}

const KNOWN_CODES: ReadonlySet<string> = new Set<QuireErrorCode>([
  'invalid-input',
  'invalid-query',
  'not-found',
  'archive-newer',
  'archive-corrupt',
  'archive-busy',
  'archive-readonly',
  'disk-full',
  'archive-unreadable',
  'import-rejected',
  'cancelled',
  'unauthorized',
  'internal',
]);
