/**
 * The faults the meeting suffers, each done the way it happens in a real room: a link
 * unplugged or gone silent and then restored (./topology.ts), a host killed with
 * SIGKILL while its member types and started again on its data folder, a laptop
 * leaving for good. Clock skew and the late join are set up by the script itself; they
 * are recorded here with the rest so the report counts every fault by kind.
 */
import {
  LOSS_WINDOW_MS,
  savedVersusStored,
  type HealMeasure,
  type SavedVersusStored,
} from './checks';
import type { Laptop } from './laptop';
import { readNotebook, saveLine, savedProbe } from './screen';
import { readStoredNotebook } from './storedNotebook';
import { cutLink, restoreLink, type RoomNetwork } from './topology';

/** The kinds of fault, as the report names them. */
export const FAULT_KINDS = [
  'clock skew',
  'late join',
  'link unplugged',
  'link silent > 15 s',
  'host killed (SIGKILL)',
  'leave for good',
] as const;

/** One kind of fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One fault, as it happened. */
export interface FaultRecord {
  kind: FaultKind;
  laptop: string;
  detail: string;
  /** When it began, ms since the meeting started. */
  atMs: number;
  /** How the room healed afterwards, if it had to. */
  heal?: HealMeasure;
  /** For a cut link: cut → a status line first said the room had lost touch, ms. */
  lostTouchAfterMs?: number | null;
  /** For a killed host: what its disk held against what its screen showed as saved. */
  saved?: KillOutcome['saved'];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Cuts `laptop` off the switch for `ms` while `meanwhile` runs (members typing on both
 * sides), then restores the link; resolves with when it was restored and how long the
 * cut really lasted (longer if `meanwhile` outlasted it).
 */
export async function cutLinkFor(
  room: RoomNetwork,
  laptop: Laptop,
  how: 'unplugged' | 'silent',
  ms: number,
  meanwhile: () => Promise<void>,
): Promise<{ restoredAt: number; cutMs: number }> {
  const seat = laptop.options.seat;
  cutLink(room, seat, how);
  const cutAt = Date.now();
  try {
    await Promise.all([meanwhile(), sleep(ms)]);
  } finally {
    await restoreLink(room, seat);
  }
  const restoredAt = Date.now();
  return { restoredAt, cutMs: restoredAt - cutAt };
}

/** What killing a host showed. */
export interface KillOutcome {
  /** Disk against screen, when "Saved" last showed, and the status line at the kill. */
  saved: SavedVersusStored & { savedAgoMs: number; statusAtKill: string };
  /** When the restarted host was ready. */
  restartedAt: number;
}

/**
 * Kills `laptop`'s host `afterMs` into `typing` (which goes on: the page is still open),
 * reads the disk while the host is dead, compares it with what the screen last showed as
 * saved, lets the typing finish, and starts the host again on the same folder.
 */
export async function killHostMidTyping(
  laptop: Laptop,
  typing: Promise<void>,
  afterMs: number,
): Promise<KillOutcome> {
  // Awaited at the end; marked handled now so a failure before then is not reported twice.
  typing.catch(() => undefined);
  await sleep(afterMs);
  const [atKill, statusAtKill] = await Promise.all([
    readNotebook(laptop.page),
    saveLine(laptop.page),
  ]);
  // Read on the page's own clock, which may be skewed: only differences on it count.
  const killedAt = await laptop.page.evaluate(() => Date.now());
  await laptop.killHost();
  const { saved: snapshot, beforeWindow } = await savedProbe(laptop.page, killedAt, LOSS_WINDOW_MS);
  const stored = await readStoredNotebook(laptop.dataDir);
  const shown = { saved: snapshot, beforeWindow: beforeWindow?.entries ?? null, atKill };
  const saved = {
    ...savedVersusStored(shown, stored),
    savedAgoMs: killedAt - snapshot.at,
    statusAtKill,
  };
  await typing;
  await laptop.restartHost();
  return { saved, restartedAt: Date.now() };
}

/** The laptop leaves: browser closed, host stopped (it must exit 0, having flushed). */
export async function leaveForGood(laptop: Laptop): Promise<number> {
  const code = await laptop.leave();
  if (code !== 0) throw new Error(`${laptop.label}'s host exited with ${String(code)} on leaving`);
  return Date.now();
}
