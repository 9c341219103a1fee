/**
 * `npm run test:room`: a room of laptops on this machine (see ./topology.ts and
 * ./meeting.ts), run as root. Prints the seed first, so a failing run can be replayed:
 *
 *   npm run test:room -- [--laptops N] [--seed S] [--runs R] [--renderer DIR]
 *                        [--topology room|hybrid|both]
 *
 * --laptops (default 3, at least 3), --seed (default: drawn now; $HEARTH_SEED also
 * works), --runs (default 1; run r uses seed S + r), --renderer (default out/renderer,
 * built by `npm run build`; give a private copy if others rebuild out/ meanwhile),
 * --topology (default both): `room` is the room of laptops on one LAN; `hybrid` is two
 * laptops in the room behind a NAT router and members at home behind another, meeting
 * through coturn and a signalling server on an "internet" namespace (./hybrid/).
 * Writes test-results/room.json and keeps each run's logs, data folders and capture in
 * test-results/room/seed-<S>/. Where namespaces cannot be made (not root, not Linux) it
 * says so and exits 0; any other failure exits 1.
 */
import { existsSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SYSTEM_CHROMIUM } from '../helpers/chromium';
import { REPO_ROOT } from '../helpers/repoRoot';
import { seedFromEnvironment } from '../helpers/seededRandom';
import { MIN_LAPTOPS } from './plan';
import { printReport, writeReport, type RoomRun } from './report';
import { printHybridReport, writeHybridReport } from './hybrid/hybridReport';
import { runHybridOnce, type HybridRun } from './hybrid/hybridRun';
import { runRoomOnce } from './roomRun';
import { removeAbandonedRooms, tearDownRoom, whyNoRoom } from './topology';

// A command that can run here: an absolute path that exists, or a name on $PATH.
function onPath(tool: string): boolean {
  if (isAbsolute(tool)) return existsSync(tool);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, tool)));
}

function whole(name: string, value: string, min: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new Error(`--${name} should be a whole number ≥ ${min}, got ${value}`);
  }
  return number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      laptops: { type: 'string', default: '3' },
      seed: { type: 'string' },
      runs: { type: 'string', default: '1' },
      renderer: { type: 'string', default: join(REPO_ROOT, 'out', 'renderer') },
      topology: { type: 'string', default: 'both' },
    },
    strict: true,
  });
  const laptops = whole('laptops', values.laptops, MIN_LAPTOPS);
  const runs = whole('runs', values.runs, 1);
  const seed =
    values.seed === undefined
      ? seedFromEnvironment(Math.floor(Math.random() * 2 ** 31))
      : whole('seed', values.seed, 0);
  const rendererDir = resolve(values.renderer);
  const topology = values.topology;
  if (topology !== 'room' && topology !== 'hybrid' && topology !== 'both') {
    throw new Error(`--topology should be room, hybrid or both, got ${topology}`);
  }
  const hybrid = topology !== 'room';

  const reason = whyNoRoom();
  if (reason !== null) {
    console.log(
      `room test SKIPPED (${hybrid ? 'the room and the hybrid meeting' : 'the room'}): ${reason} (both are built from network namespaces).`,
    );
    return 0;
  }
  const tools = [
    'tcpdump',
    'tshark',
    SYSTEM_CHROMIUM,
    ...(hybrid ? ['turnserver', 'iptables'] : []),
  ];
  const missing = tools.filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} missing (apt-get install tcpdump tshark chromium coturn iptables)`,
    );
  }
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer in ${rendererDir}: run \`npm run build\` first`);
  }
  const abandoned = removeAbandonedRooms();
  if (abandoned.length > 0)
    console.log(`removed rooms left by killed runs: ${abandoned.join(', ')}`);

  // Whatever ends this process, its namespaces (and everything running in them) go too.
  process.on('exit', tearDownRoom);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.log(`\n${signal}: tearing the room down`);
      tearDownRoom();
      process.exit(130);
    });
  }

  const results: RoomRun[] = [];
  for (let run = 0; run < (topology === 'hybrid' ? 0 : runs); run++) {
    const runSeed = seed + run;
    console.log(
      `room run ${run + 1} of ${runs}: seed ${runSeed}, ${laptops} laptops (replay: npm run test:room -- --seed ${runSeed} --laptops ${laptops})`,
    );
    results.push(
      await runRoomOnce({
        seed: runSeed,
        laptops,
        rendererDir,
        runDir: join(REPO_ROOT, 'test-results', 'room', `seed-${runSeed}`),
      }),
    );
  }
  let failedCount = 0;
  if (results.length > 0) {
    printReport(results);
    const file = join(REPO_ROOT, 'test-results', 'room.json');
    await writeReport(results, file);
    console.log(`\nfigures written to ${file}`);
    const failed = results.filter((result) => result.failure !== null);
    for (const result of failed)
      console.log(`\nseed ${result.seed} FAILED:\n${result.failure ?? ''}`);
    failedCount += failed.length;
  }
  if (hybrid) {
    const hybrids: HybridRun[] = [];
    for (let run = 0; run < runs; run++) {
      const runSeed = seed + run;
      console.log(
        `\nhybrid run ${run + 1} of ${runs}: seed ${runSeed} (replay: npm run test:room -- --topology hybrid --seed ${runSeed})`,
      );
      hybrids.push(
        await runHybridOnce({
          seed: runSeed,
          rendererDir,
          runDir: join(REPO_ROOT, 'test-results', 'room-hybrid', `seed-${runSeed}`),
        }),
      );
    }
    const file = join(REPO_ROOT, 'test-results', 'room-hybrid.json');
    await writeHybridReport(hybrids, file);
    printHybridReport(hybrids);
    console.log(`\nhybrid figures written to ${file}`);
    const failed = hybrids.filter((result) => result.failure !== null);
    for (const result of failed)
      console.log(`\nhybrid seed ${result.seed} FAILED:\n${result.failure ?? ''}`);
    failedCount += failed.length;
  }
  return failedCount === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `room test could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
