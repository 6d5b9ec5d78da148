// The options and usage lines of `quire export`, `verify` and `import-project`, apart from the
// commands themselves: quire.ts needs them on every run, the commands only when they run.

/** The options these commands add to the command line (spread into quire.ts's parseArgs). */
export const EXPORT_CLI_OPTIONS = {
  all: { type: 'boolean' },
  'highlights-only': { type: 'boolean' },
  context: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

export type ExportOptionName = keyof typeof EXPORT_CLI_OPTIONS;

export const EXPORT_USAGE = `  export --format F --out PATH    Export --collection NAME | --query Q | --entry ID... | --all
                                  as md | html | docx | csv | json | qdpx | w3c;
                                  --highlights-only [--context N] (code points either side, default 200)
  verify EXPORT                   Check every passage a JSON, CSV, W3C or .qdpx export cites
                                  against the archive (exit code 1 if any fails)
  import-project FILE             Bring in a Quire JSON export (again: no change) or a .qdpx project`;
