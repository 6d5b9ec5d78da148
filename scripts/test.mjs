// `npm test`: everything CI checks, in order, stopping at the first failing stage.
// Ends with one plain line "N passed, N failed, N skipped" for CI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
function stage(name, cmd, args) {
  const started = Date.now();
  process.stdout.write(`\n== ${name}\n`);
  const res = spawnSync(cmd, args, { stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0) {
    console.log(`\n${name} failed after ${secs}s.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`(${name}: ${secs}s)`);
}

stage('typecheck', npx, ['tsc', '-p', 'tsconfig.node.json']);
stage('typecheck renderer', npx, ['tsc', '-p', 'tsconfig.web.json']);
stage('typecheck browser tests', npx, ['tsc', '-p', 'tsconfig.e2e.json']);
stage('lint', npx, ['eslint', '.']);
stage('build', process.execPath, ['scripts/build.mjs']);

fs.mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
fs.rmSync(report, { force: true });
const res = spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + (json.numTodoTests ?? 0);
  if (json.numFailedTestSuites > 0 && failed === 0) failed = json.numFailedTestSuites;
} else {
  failed = 1;
}
if (res.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || res.status !== 0 ? 1 : 0);
