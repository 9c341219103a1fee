/** The hybrid meeting's figures: lines on the console and test-results/room-hybrid.json. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HybridRun } from './hybridRun';

/** Prints what each hybrid run showed. */
export function printHybridReport(runs: HybridRun[]): void {
  for (const run of runs) {
    console.log(
      `\nhybrid seed ${run.seed}: ${run.failure === null ? 'passed' : 'FAILED'} in ${(run.durationMs / 1000).toFixed(0)} s`,
    );
    for (const pair of run.pairs) console.log(`  selected pair  ${pair}`);
    console.log(
      `  home link cut  ${run.cutMs} ms; healed ${run.healMs ?? '–'} ms after it returned (every phrase on every screen)`,
    );
    console.log(
      `  late join      ${run.lateJoinMs ?? '–'} ms from the laptop's start to converged`,
    );
    console.log(`  wrong relay credential: ${run.wrongCredentialMessage ?? '– (no message)'}`);
    console.log(`  the refusal was ${run.wrongCredentialNotice ?? '–'}`);
    console.log(
      `  internet capture: ${run.packets} packets, ${run.outside.length} to or from addresses outside the harness, ${run.plaintextHits.length} typed phrases found`,
    );
    for (const line of run.latency) {
      console.log(
        `  keystrokes     ${line.line.padEnd(34)} p50 ${line.p50} ms  p95 ${line.p95} ms  (${line.samples} keys)`,
      );
    }
  }
}

/** Writes the figures as JSON. */
export async function writeHybridReport(runs: HybridRun[], file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(runs, null, 2)}\n`);
}
