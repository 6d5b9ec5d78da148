// Where an import's time goes, per thread and stage, for the bench (scripts/bench/import-breakdown.mjs).
// Off unless a job asks for it (JobContext.stageTimes): then each thread turns on a sink of its
// own and the few places that time a stage add their thread's CPU and wall time to it. The sink
// is per thread (module state), so the deep places (decoding, the index insert) need no new
// parameter; with none turned on a stage costs one comparison.

/** Milliseconds a stage took on one thread: CPU time of that thread, and wall time. */
export interface StageTime {
  cpuMs: number;
  wallMs: number;
}

export type StageTimes = Record<string, StageTime>;

/** What an import measures when asked: the stages of the thread that prepares files, and of the writer's. */
export interface ImportStageTimes {
  prepare: StageTimes;
  writer: StageTimes;
  /** CPU time of the preparing thread from its start to its last file, all of it (stages or not). */
  prepareThreadCpuMs: number;
  /** The preparing thread's V8 heap at its largest after a file (total_heap_size, MB): the bench's memory breakdown. */
  prepareHeapMb?: number;
}

let sink: StageTimes | null = null;

/** Turns this thread's sink on (a record to add to) or off (null); returns the one it replaces. */
export function useStageSink(next: StageTimes | null): StageTimes | null {
  const previous = sink;
  sink = next;
  return previous;
}

/** CPU time of the calling thread, in ms (Node before 23.9 knows only the whole process's). */
export function threadCpuMs(): number {
  const u = typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage() : process.cpuUsage();
  return (u.user + u.system) / 1000;
}

type Tick = { cpu: number; wall: number };

/** The start of a stage, or null when no sink is on (then stageEnd does nothing). */
export function stageStart(): Tick | null {
  return sink ? { cpu: threadCpuMs(), wall: performance.now() } : null;
}

export function stageEnd(stage: string, start: Tick | null): void {
  if (!start || !sink) return;
  const t = (sink[stage] ??= { cpuMs: 0, wallMs: 0 });
  t.cpuMs += threadCpuMs() - start.cpu;
  t.wallMs += performance.now() - start.wall;
}

/** Adds another thread's stages (sent back with its work) into `into`. */
export function addStageTimes(into: StageTimes, from: StageTimes): void {
  for (const [stage, t] of Object.entries(from)) {
    const sum = (into[stage] ??= { cpuMs: 0, wallMs: 0 });
    sum.cpuMs += t.cpuMs;
    sum.wallMs += t.wallMs;
  }
}
