// The folder rules of STYLE.md are enforced by lint: each folder imports only what runs where it runs.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-dir.ts';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder rules', () => {
  it('keep Node and Electron out of shared/', async () => {
    expect(await restricted('shared/probe.ts', "import fs from 'node:fs';\nvoid fs;\n")).not.toEqual([]);
    expect(await restricted('shared/probe.ts', "import { app } from 'electron';\nvoid app;\n")).not.toEqual([]);
    expect(await restricted('shared/probe.ts', "import { Archive } from '../electron/core/archive.ts';\nvoid Archive;\n")).not.toEqual([]);
  });

  it('let the renderer reach the archive only through shared/', async () => {
    expect(await restricted('renderer/src/probe.ts', "import fs from 'node:fs';\nvoid fs;\n")).not.toEqual([]);
    expect(await restricted('renderer/src/probe.ts', "import { Archive } from '../../electron/core/archive.ts';\nvoid Archive;\n")).not.toEqual([]);
    expect(await restricted('renderer/src/probe.ts', "import Database from 'better-sqlite3';\nvoid Database;\n")).not.toEqual([]);
    expect(await restricted('renderer/src/probe.ts', "import type { ArchiveApi } from '../../shared/contract.ts';\nexport type X = ArchiveApi;\n")).toEqual([]);
  });

  it('keep electron out of the archive core, the CLI and the server', async () => {
    for (const file of ['electron/core/probe.ts', 'electron/cli/probe.ts', 'electron/serve/probe.ts']) {
      expect(await restricted(file, "import { app } from 'electron';\nvoid app;\n")).not.toEqual([]);
    }
    expect(await restricted('electron/core/probe.ts', "import { buildAppMenu } from '../app-menu.ts';\nvoid buildAppMenu;\n")).not.toEqual([]);
    expect(await restricted('electron/main-probe.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
  });
});
