// Search within results: earlier queries are kept as a stack and ANDed with what is typed now.

function wrap(q: string): string {
  return /\bOR\b/.test(q) ? `(${q})` : q;
}

export function composeQuery(within: readonly string[], typed: string): string {
  return [...within, typed]
    .map((q) => q.trim())
    .filter(Boolean)
    .map((q, _i, all) => (all.length > 1 ? wrap(q) : q))
    .join(' ');
}
