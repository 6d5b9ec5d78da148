// What a user sees when something fails: the plain message, never a stack trace.
export function errorMessage(error: unknown): string {
  // The banner at the top says what happened and offers Reconnect; each pane only points to it.
  if (error instanceof Error && error.name === 'ArchiveGoneError') return 'Not connected to the archive (see the notice above).';
  if (error instanceof Error && error.name === 'QuireError') return error.message;
  if (error instanceof Error && error.message && !/\n\s+at /.test(error.message)) return error.message;
  return 'Something went wrong. The archive was not changed.';
}
