/**
 * The room's figures: a table on the console and test-results/room.json. One row per
 * figure, over every run of this invocation; the faults of each run are listed with
 * how the room healed after each.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PlaintextHit, TrafficCensus } from './capture';
import { CONVERGE_LIMIT_MS, LOSS_WINDOW_MS } from './checks';
import { FAULT_KINDS, type FaultRecord } from './faults';

/** Everything one run of the meeting produced. */
export interface RoomRun {
  seed: number;
  laptops: number;
  durationMs: number;
  /** Null when every check held. */
  failure: string | null;
  faults: FaultRecord[];
  meshFormedMs: number | null;
  phrasesTyped: number;
  round: { spoke: number; passed: number } | null;
  plaintextHits: PlaintextHit[];
  /** Phrases searched for in the capture (typed phrases plus circle and member names). */
  phrasesSearched: number;
  census: TrafficCensus | null;
  websocketMessages: number;
  storedDifferences: string[];
  missingOnDisk: string[];
  exitCodes: Record<string, number | null>;
  /** Console errors per laptop (a killed host makes a page log failed requests). */
  pageProblems: Record<string, number>;
}

const percentile = (values: number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number | null): string => (value === null ? '–' : `${value} ms`);

/** The figures over all runs, as the report prints and stores them. */
export function figuresOf(runs: readonly RoomRun[]) {
  const faults = runs.flatMap((run) => run.faults);
  const heals = faults.flatMap((fault) => (fault.heal ? [fault.heal] : []));
  const longCuts = faults.filter((fault) => fault.kind === 'link silent > 15 s');
  const kills = faults.filter((fault) => fault.saved !== undefined);
  const byKind = Object.fromEntries(
    FAULT_KINDS.map((kind) => [kind, faults.filter((fault) => fault.kind === kind).length]),
  );
  return {
    runs: runs.length,
    passed: runs.filter((run) => run.failure === null).length,
    seeds: runs.map((run) => run.seed),
    laptops: runs.map((run) => run.laptops),
    faultsByKind: byKind,
    faultsInjected: faults.length,
    healMs: {
      p50: percentile(
        heals.map((h) => h.healMs),
        50,
      ),
      max: percentile(
        heals.map((h) => h.healMs),
        100,
      ),
    },
    totalMs: {
      p50: percentile(
        heals.map((h) => h.totalMs),
        50,
      ),
      max: percentile(
        heals.map((h) => h.totalMs),
        100,
      ),
    },
    convergeMs: {
      p50: percentile(
        heals.map((h) => h.convergeMs),
        50,
      ),
      max: percentile(
        heals.map((h) => h.convergeMs),
        100,
      ),
      limit: CONVERGE_LIMIT_MS,
    },
    longCutHealMs: longCuts.map((fault) => fault.heal?.healMs ?? null),
    longCutMs: longCuts.map((fault) => fault.detail),
    editsLost: kills.reduce((sum, fault) => sum + (fault.saved?.lostSaved ?? 0), 0),
    lostBeyondWindow: kills.reduce((sum, fault) => sum + (fault.saved?.lostBeyondWindow ?? 0), 0),
    lostInWindow: kills.map((fault) => fault.saved?.lostInWindow ?? 0),
    unsavedAtKill: kills.map((fault) => fault.saved?.unsavedAtKill ?? 0),
    savedBeforeKillMs: kills.map((fault) => fault.saved?.savedAgoMs ?? 0),
    phrasesTyped: runs.reduce((sum, run) => sum + run.phrasesTyped, 0),
    plaintextHits: runs.reduce((sum, run) => sum + run.plaintextHits.length, 0),
    packetsOutsideSubnet: runs.reduce((sum, run) => sum + (run.census?.outside ?? 0), 0),
    storedIdentical: runs.every((run) => run.storedDifferences.length === 0),
  };
}

/** Prints the figures and every run's faults. */
export function printReport(runs: readonly RoomRun[]): void {
  const f = figuresOf(runs);
  const rows: [string, string][] = [
    ['runs (passed)', `${f.runs} (${f.passed})`],
    ['seeds', f.seeds.join(', ')],
    ['laptops', f.laptops.join(', ')],
    [
      'faults injected',
      `${f.faultsInjected}: ${Object.entries(f.faultsByKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    ],
    [
      'fault undone → same notebook everywhere, p50 / max',
      `${ms(f.totalMs.p50)} / ${ms(f.totalMs.max)}`,
    ],
    [
      '  of which: undone → links up and in step, p50 / max',
      `${ms(f.healMs.p50)} / ${ms(f.healMs.max)}`,
    ],
    [
      `  of which: in step → same notebook, p50 / max (limit ${CONVERGE_LIMIT_MS} ms)`,
      `${ms(f.convergeMs.p50)} / ${ms(f.convergeMs.max)}`,
    ],
    [
      'long cut (silent link) → in step',
      f.longCutHealMs.map(ms).join(', ') + ` (${f.longCutMs.join(', ')})`,
    ],
    ['edits lost: shown "Saved", missing after SIGKILL', `${f.editsLost} characters`],
    [
      `edits lost: on screen ${LOSS_WINDOW_MS} ms before SIGKILL, missing`,
      `${f.lostBeyondWindow} characters`,
    ],
    [
      `edits lost within the last ${LOSS_WINDOW_MS} ms (allowed)`,
      `${f.lostInWindow.join(', ')} characters`,
    ],
    [
      'typed after the last "Saved" at the kill (may be lost)',
      `${f.unsavedAtKill.join(', ')} characters; "Saved" ${f.savedBeforeKillMs.map((v) => `${v} ms`).join(', ')} before`,
    ],
    ['phrases typed', String(f.phrasesTyped)],
    ['plaintext of a phrase in the capture', `${f.plaintextHits} hits`],
    ['packets addressed outside 10.77.0.0/24', String(f.packetsOutsideSubnet)],
    ['stored notebooks identical across laptops', f.storedIdentical ? 'yes' : 'NO'],
  ];
  for (const run of runs) {
    const c = run.census;
    if (c !== null) {
      rows.push([
        `capture, seed ${run.seed}`,
        `${c.frames} frames, ${(c.bytes / 1e6).toFixed(1)} MB: ${c.withinSubnet} in subnet, ${c.mdns} mDNS, ${c.arp} ARP, ${c.igmpReports} IGMP reports, ${c.vpnIceChecks} ICE checks from the VPN-like address (unanswerable); ` +
          `${Object.entries(c.byKind)
            .map(([kind, count]) => `${kind} ${count}`)
            .join(
              ', ',
            )}; ${run.websocketMessages} WebSocket messages read; ${run.phrasesSearched} phrases searched`,
      ]);
    }
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('\nA room on one machine');
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  for (const run of runs) {
    console.log(
      `\n  seed ${run.seed}, ${run.laptops} laptops, ${(run.durationMs / 1000).toFixed(0)} s: ${run.failure === null ? 'passed' : `FAILED: ${run.failure}`}`,
    );
    for (const fault of run.faults) {
      const heal = fault.heal
        ? `in step ${fault.heal.healMs} ms, same ${fault.heal.convergeMs} ms later`
        : '';
      console.log(
        `    ${String(Math.round(fault.atMs / 1000)).padStart(4)} s  ${fault.kind.padEnd(22)} ${fault.laptop.padEnd(30)} ${fault.detail} ${heal}`,
      );
    }
  }
}

/** Writes the figures and every run to `file` as JSON. */
export async function writeReport(runs: readonly RoomRun[], file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ figures: figuresOf(runs), runs }, null, 2)}\n`);
}
