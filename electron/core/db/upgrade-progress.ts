// Steps of an archive upgrade as the user sees them: the backup, then each migration and its
// checks. Each step is announced when it starts and when it ends (with its time), and a step that
// loops over rows says how far it is, at most once per percent, so a long upgrade is never silent.
import type { UpgradeProgress } from '../../../shared/contract.ts';

export type UpgradeListener = (progress: UpgradeProgress) => void;
type Phase = Exclude<UpgradeProgress['phase'], 'done'>;
type MigrationRef = NonNullable<UpgradeProgress['migration']>;

export class UpgradeSteps {
  private step = 0;
  readonly steps: number;
  private readonly listener: UpgradeListener;

  constructor(steps: number, listener: UpgradeListener = () => {}) {
    this.steps = steps;
    this.listener = listener;
  }

  /** Runs one step, reporting its start, its fractions and its end. */
  run<T>(phase: Phase, migration: MigrationRef | undefined, fn: (fraction: (f: number) => void) => T): T {
    const step = ++this.step;
    const base = { phase, step, steps: this.steps, ...(migration ? { migration } : {}) };
    const started = performance.now();
    let percent = 0;
    this.listener({ ...base, fraction: 0 });
    const result = fn((f) => {
      const now = Math.floor(Math.min(1, Math.max(0, f)) * 100);
      if (now <= percent || now >= 100) return; // the end is reported once, below
      percent = now;
      this.listener({ ...base, fraction: now / 100 });
    });
    this.listener({ ...base, fraction: 1, tookMs: Math.round(performance.now() - started) });
    return result;
  }

  done(): void {
    this.listener({ phase: 'done', step: this.steps, steps: this.steps, fraction: 1 });
  }
}
