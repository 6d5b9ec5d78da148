// The name and version of each importer, stored in every locator so an export can say how an
// entry's text was derived from its file. Bump the version when an importer's output changes.
export const EXTRACTORS = {
  text: 'quire-text/1',
  markdown: 'quire-markdown/1',
  json: 'quire-json/1',
  csv: 'quire-csv/1',
  html: 'quire-html/1',
  mail: 'quire-mail/1',
  warc: 'quire-warc/1',
  pdf: 'quire-pdf/1',
  feed: 'quire-feed/1',
} as const;
