/**
 * One run of the room: builds the network, starts the capture, holds the meeting, and
 * whatever happened tears it all down (laptops, capture, namespaces) before reading
 * the evidence: the disks of the laptops and the capture from the bridge.
 */
import { rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../helpers/seededRandom';
import {
  blindViews,
  censusOf,
  plaintextHits,
  startCapture,
  websocketMessages,
  type BridgeCapture,
} from './capture';
import {
  CONVERGE_LIMIT_MS,
  LOSS_WINDOW_MS,
  phrasesMissingOnDisk,
  storedDifferences,
} from './checks';
import type { Laptop } from './laptop';
import { runMeeting, type MeetingRecord } from './meeting';
import { planMeeting } from './plan';
import type { RoomRun } from './report';
import { readStoredNotebook } from './storedNotebook';
import { buildRoom, roomIsGone, tearDownRoom } from './topology';

/** How to run the room once. */
export interface RoomRunOptions {
  seed: number;
  laptops: number;
  rendererDir: string;
  /** This run's folder (emptied first): data folders, logs, the capture. */
  runDir: string;
}

/** Runs the meeting once and gathers every figure; never throws for a failed check. */
export async function runRoomOnce(options: RoomRunOptions): Promise<RoomRun> {
  const started = Date.now();
  const log = (line: string): void => {
    console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
  };
  rmSync(options.runDir, { recursive: true, force: true });
  mkdirSync(options.runDir, { recursive: true, mode: 0o700 });
  const random = seededRandom(options.seed);
  const plan = planMeeting(random, options.laptops);
  const result: RoomRun = {
    seed: options.seed,
    laptops: options.laptops,
    durationMs: 0,
    failure: null,
    faults: [],
    meshFormedMs: null,
    phrasesTyped: 0,
    round: null,
    plaintextHits: [],
    phrasesSearched: 0,
    census: null,
    websocketMessages: 0,
    storedDifferences: [],
    missingOnDisk: [],
    exitCodes: {},
    pageProblems: {},
  };
  const failures: string[] = [];
  const laptops: Laptop[] = [];
  const captureFile = join(options.runDir, 'bridge.pcap');
  let capture: BridgeCapture | null = null;
  let meeting: MeetingRecord | null = null;
  let faultsSoFar: MeetingRecord['faults'] = [];
  try {
    const room = await buildRoom(options.laptops);
    log(
      `room built: switch ${room.switchNamespace}; ${room.seats.map((s) => `${s.namespace} ${s.address}${s.vpnAddress === undefined ? '' : ` (+ ${s.vpnAddress} on a VPN-like interface holding its default route)`}`).join(', ')}`,
    );
    capture = await startCapture(room, captureFile);
    log(`capturing on the bridge into ${captureFile}`);
    const setting = {
      room,
      plan,
      random,
      runDir: options.runDir,
      rendererDir: options.rendererDir,
      laptops,
      log,
    };
    const running = runMeeting(setting);
    meeting = await running;
    faultsSoFar = meeting.faults;
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
    log(`FAILED: ${failures[0]!}`);
    await keepWhatEachLaptopShowed(laptops, options.runDir, log);
  } finally {
    for (const laptop of laptops) {
      result.pageProblems[laptop.label] = laptop.pageProblems.length;
      if (laptop.host.running) await laptop.shutDown().catch(() => undefined);
    }
    await capture?.stop();
    tearDownRoom();
    if (!roomIsGone()) failures.push('a namespace of this run was left behind');
    else log('room torn down: no namespace of this run is left');
  }

  const phrases = meeting?.ledger.phrases.map((typed) => typed.phrase) ?? [];
  if (meeting !== null) {
    result.faults = meeting.faults;
    result.meshFormedMs = meeting.meshFormed.totalMs;
    result.phrasesTyped = phrases.length;
    result.round = meeting.round;
    result.exitCodes = meeting.exitCodes;
    for (const [label, code] of Object.entries(meeting.exitCodes)) {
      if (code !== 0) failures.push(`${label}'s host exited with ${String(code)}`);
    }
    for (const fault of meeting.faults) {
      if (fault.heal !== undefined && fault.heal.convergeMs > CONVERGE_LIMIT_MS) {
        failures.push(
          `${fault.kind} on ${fault.laptop}: notebooks differed ${fault.heal.convergeMs} ms after the room was in step`,
        );
      }
      // A silent link outlasts the links' grace: members must have been told.
      if (fault.kind === 'link silent > 15 s' && fault.lostTouchAfterMs === null) {
        failures.push(
          `${fault.kind} on ${fault.laptop}: no status line said the room had lost touch`,
        );
      }
      if ((fault.saved?.lostSaved ?? 0) > 0) {
        failures.push(
          `${fault.laptop}: ${fault.saved!.lostSaved} characters shown as saved were not on disk after SIGKILL`,
        );
      }
      if ((fault.saved?.lostBeyondWindow ?? 0) > 0) {
        failures.push(
          `${fault.laptop}: ${fault.saved!.lostBeyondWindow} characters on screen ${LOSS_WINDOW_MS} ms before SIGKILL were not on disk`,
        );
      }
    }
    await checkDisks(meeting, result, failures);
  } else {
    result.faults = faultsSoFar;
  }

  if (capture !== null) {
    const searched = [...phrases, plan.circleName, plan.meetingTitle, ...plan.names];
    result.phrasesSearched = searched.length;
    result.plaintextHits = await plaintextHits(captureFile, searched);
    // A search that finds nothing proves something only if it can find what is there.
    const blind = await blindViews(captureFile);
    if (blind.length > 0) failures.push(`the capture search is blind in: ${blind.join(', ')}`);
    result.census = await censusOf(captureFile);
    result.websocketMessages = await websocketMessages(captureFile);
    for (const hit of result.plaintextHits)
      failures.push(`"${hit.phrase}" in the capture (${hit.where})`);
    if (result.census.outside > 0) {
      failures.push(
        `${result.census.outside} packets addressed outside the subnet: ${result.census.outsideExamples.join('; ')}`,
      );
    }
  }
  result.durationMs = Date.now() - started;
  result.failure = failures.length === 0 ? null : failures.join('\n');
  return result;
}

// Every remaining laptop's disk holds the same notebook with every phrase; the laptop
// that left holds every phrase typed before it left.
async function checkDisks(
  meeting: MeetingRecord,
  result: RoomRun,
  failures: string[],
): Promise<void> {
  const stored = await Promise.all(
    meeting.remaining.map(async (laptop) => ({
      label: laptop.label,
      notebook: await readStoredNotebook(laptop.dataDir),
    })),
  );
  result.storedDifferences = storedDifferences(stored);
  failures.push(...result.storedDifferences);
  for (const { label, notebook } of stored) {
    for (const missing of phrasesMissingOnDisk(notebook, meeting.bylines, meeting.ledger)) {
      result.missingOnDisk.push(`${label}: ${missing}`);
    }
  }
  if (meeting.left !== null) {
    const notebook = await readStoredNotebook(meeting.left.laptop.dataDir);
    const missing = phrasesMissingOnDisk(
      notebook,
      meeting.bylines,
      meeting.ledger,
      meeting.left.at,
    );
    result.missingOnDisk.push(
      ...missing.map((phrase) => `${meeting.left!.laptop.label} (left): ${phrase}`),
    );
  }
  failures.push(...result.missingOnDisk.map((missing) => `missing on disk: ${missing}`));
}

/**
 * A failure is read from what each laptop showed at that moment: a screenshot per open
 * page, in the run's folder, so a flake can be understood without replaying it.
 */
async function keepWhatEachLaptopShowed(
  laptops: readonly Laptop[],
  runDir: string,
  log: (line: string) => void,
): Promise<void> {
  for (const laptop of laptops) {
    if (!laptop.opened) continue;
    const file = join(runDir, `${laptop.label.replace(/\W+/g, '-')}-at-failure.png`);
    try {
      await laptop.page.screenshot({ path: file, timeout: 5_000 });
      log(`what ${laptop.label} showed: ${file}`);
    } catch {
      log(`${laptop.label}: no screenshot (its page did not answer)`);
    }
  }
}
