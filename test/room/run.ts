/**
 * `npm run test:room`: a room of laptops on this machine (see ./topology.ts and
 * ./meeting.ts), run as root. Prints the seed first, so a failing run can be replayed:
 *
 *   npm run test:room -- [--laptops N] [--seed S] [--runs R] [--renderer DIR]
 *
 * --laptops (default 3, at least 3), --seed (default: drawn now; $HEARTH_SEED also
 * works), --runs (default 1; run r uses seed S + r), --renderer (default out/renderer,
 * built by `npm run build`; give a private copy if others rebuild out/ meanwhile).
 * Writes test-results/room.json and keeps each run's logs, data folders and capture in
 * test-results/room/seed-<S>/. Where namespaces cannot be made (not root, not Linux) it
 * says so and exits 0; any other failure exits 1.
 */
import { existsSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SYSTEM_CHROMIUM } from '../e2e/chromium';
import { REPO_ROOT } from '../e2e/hostProcess';
import { seedFromEnvironment } from '../helpers/seededRandom';
import { MIN_LAPTOPS } from './plan';
import { printReport, writeReport, type RoomRun } from './report';
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

  const reason = whyNoRoom();
  if (reason !== null) {
    console.log(`room test SKIPPED: ${reason} (the room is built from network namespaces).`);
    return 0;
  }
  const missing = ['tcpdump', 'tshark', SYSTEM_CHROMIUM].filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing (apt-get install tcpdump tshark chromium)`);
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
  for (let run = 0; run < runs; run++) {
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
  printReport(results);
  const file = join(REPO_ROOT, 'test-results', 'room.json');
  await writeReport(results, file);
  console.log(`\nfigures written to ${file}`);
  const failed = results.filter((result) => result.failure !== null);
  for (const result of failed)
    console.log(`\nseed ${result.seed} FAILED:\n${result.failure ?? ''}`);
  return failed.length === 0 ? 0 : 1;
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
