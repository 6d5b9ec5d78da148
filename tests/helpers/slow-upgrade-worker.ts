// The real archive worker with each upgrade step held for `holdMs` as it starts, at its first
// percentage and before it ends, as the steps of a big archive's upgrade take minutes. On a small
// test archive the whole upgrade takes tens of milliseconds, so its events reach the page in one
// read and only the last is drawn; held apart, every step is drawn as a user would see it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const src = (p: string) => pathToFileURL(path.resolve(import.meta.dirname, '../../electron/core', p)).href;

/** Writes the worker script into `dir` and returns its path (HostOptions.workerFile). */
export function writeSlowUpgradeWorker(dir: string, holdMs: number): string {
  const file = path.join(dir, 'slow-upgrade-worker.mjs');
  fs.writeFileSync(
    file,
    `
import { UpgradeSteps } from '${src('db/upgrade-progress.ts')}';
const hold = () => { const until = Date.now() + ${holdMs}; while (Date.now() < until); };
const run = UpgradeSteps.prototype.run;
UpgradeSteps.prototype.run = function (phase, migration, fn) {
  return run.call(this, phase, migration, (fraction) => {
    hold();
    let held = false;
    const result = fn((f) => {
      fraction(f);
      if (!held && Math.floor(f * 100) >= 1 && f < 1) (held = true), hold();
    });
    hold();
    return result;
  });
};
await import('${src('worker/archive-worker.ts')}');
`,
  );
  return file;
}
