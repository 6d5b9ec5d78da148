// The packaged app: Electron fuses flipped as the security checklist asks, no DevTools in a
// packaged build's menu. Reads the real packaging config and menu source.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-dir.ts';

/** The `key: value` lines of one top-level block of electron-builder.yml. */
function yamlBlock(text: string, name: string): Record<string, string> {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === `${name}:`);
  const out: Record<string, string> = {};
  if (start < 0) return out;
  for (const line of lines.slice(start + 1)) {
    const m = /^\s+(\w+):\s*(\S+)\s*$/.exec(line);
    if (!m) break;
    out[m[1]!] = m[2]!;
  }
  return out;
}

describe('packaging', () => {
  const config = fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8');

  it('flips the Electron fuses: no RunAsNode, NODE_OPTIONS or --inspect; cookie encryption, asar integrity, app only from asar', () => {
    expect(yamlBlock(config, 'electronFuses')).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableCookieEncryption: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
    expect(config).toMatch(/^asar: true$/m);
  });

  it('offers DevTools only in development builds', () => {
    const menu = fs.readFileSync(path.join(REPO_ROOT, 'electron', 'app-menu.ts'), 'utf8');
    const main = fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main.ts'), 'utf8');
    expect(menu).toMatch(/actions\.devTools \? \[\{ role: 'toggleDevTools'/);
    expect(main).toMatch(/devTools: !app\.isPackaged/);
  });
});
