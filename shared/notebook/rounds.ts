/**
 * Rounds — the talking piece — as an append-only log (index root `rounds`, a Y.Array).
 *
 * Records (version 1):
 *   { kind: 'start', roundId, meetingId, title, order: MemberId[], secondsEach, at }
 *   { kind: 'turn',  roundId, speaker: index into order, at }   facilitator moves on, or
 *                                                                the speaker says they are done
 *   { kind: 'pass',  roundId, speaker: index, at }               the speaker passes
 *   { kind: 'end',   roundId, at }
 *
 * `at` is the writer's clock. Laptops' clocks can differ by minutes, so a turn's start
 * is kept with its writer (`startedBy`), and a reader turns it into its own time with
 * the offset it measured to that writer (see shared/sync's clock exchange); the timer
 * then reads the same on every laptop.
 *
 * Only facilitators may start, move and end rounds; the current speaker may pass, or
 * say they are done, and so hand the talking piece to the next person only. A record
 * from anyone else is ignored with a logged reason.
 */
import type * as Y from 'yjs';
import { logger } from '../log';
import * as v from '../validate';
import { authoredValues, type ClientRegistry } from './authorship';
import type { MeetingId, MemberId } from './ids';
import { INDEX_LOG } from './schema';

const log = logger('rounds');

/** A round's record to append. */
export type RoundRecord =
  | {
      kind: 'start';
      roundId: string;
      meetingId: MeetingId;
      title: string;
      order: MemberId[];
      secondsEach: number;
      at: number;
    }
  | { kind: 'turn' | 'pass'; roundId: string; speaker: number; at: number }
  | { kind: 'end'; roundId: string; at: number };

/** The round going on now. */
export interface CurrentRound {
  roundId: string;
  meetingId: MeetingId;
  title: string;
  order: readonly MemberId[];
  secondsEach: number;
  /** Index into `order`; equal to `order.length` once everyone has spoken. */
  speaker: number;
  /** Members who passed, by index. */
  passed: ReadonlySet<number>;
  /** When the current turn began, on its writer's clock. */
  turnStartedAt: number;
  /** Who wrote the current turn's start (whose clock `turnStartedAt` is on). */
  turnStartedBy: MemberId;
}

const ID = v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]{22}$/ });
const at = v.number({ min: 0, max: 8.64e15, integer: true });
const speaker = v.number({ min: 0, max: 1000, integer: true });
const startRecord = v.object(
  {
    kind: v.oneOf(['start'] as const),
    roundId: ID,
    meetingId: ID,
    title: v.string({ min: 1, max: 120 }),
    order: v.array(ID, { max: 64 }),
    secondsEach: v.number({ min: 30, max: 3600, integer: true }),
    at,
  },
  { extra: 'ignore' },
);
const moveRecord = v.object(
  { kind: v.oneOf(['turn', 'pass'] as const), roundId: ID, speaker, at },
  { extra: 'ignore' },
);
const endRecord = v.object(
  { kind: v.oneOf(['end'] as const), roundId: ID, at },
  { extra: 'ignore' },
);

/** Replays the rounds log; `facilitators` are the circle's facilitators now. */
export function readCurrentRound(
  ydoc: Y.Doc,
  facilitators: ReadonlySet<MemberId>,
  registry: ClientRegistry,
  reported: Set<string>,
): CurrentRound | null {
  let round: CurrentRound | null = null;
  const ignore = (index: number, reason: string): void => {
    const tag = `${index}:${reason}`;
    if (reported.has(tag)) return;
    reported.add(tag);
    log.warn('ignored a change to a round', { reason });
  };
  const records = authoredValues(ydoc.getArray(INDEX_LOG.rounds));
  for (const [index, { value, client }] of records.entries()) {
    const writer = registry.memberOf(client);
    const isFacilitator = writer !== null && facilitators.has(writer);
    const start = startRecord(value, 'round');
    if (start.ok) {
      if (!isFacilitator) {
        ignore(index, 'only a facilitator may start a round');
        continue;
      }
      round = {
        roundId: start.value.roundId,
        meetingId: start.value.meetingId as MeetingId,
        title: start.value.title,
        order: start.value.order as MemberId[],
        secondsEach: start.value.secondsEach,
        speaker: 0,
        passed: new Set(),
        turnStartedAt: start.value.at,
        turnStartedBy: writer,
      };
      continue;
    }
    const current: CurrentRound | null = round;
    const move = moveRecord(value, 'round');
    if (move.ok) {
      if (current === null || move.value.roundId !== current.roundId) continue;
      if (writer === null) {
        ignore(index, 'a round was moved on by a laptop nobody knows');
        continue;
      }
      // The speaker hands the piece on by passing or by saying they are done ('turn').
      const mayMove =
        isFacilitator ||
        (writer === current.order[current.speaker] && move.value.speaker === current.speaker + 1);
      if (!mayMove) {
        ignore(index, 'only a facilitator, or the speaker handing it on, may move a round on');
        continue;
      }
      if (move.value.speaker > current.order.length) {
        ignore(index, 'the turn is past the end of the round');
        continue;
      }
      const passed: Set<number> = new Set(current.passed);
      if (move.value.kind === 'pass') passed.add(current.speaker);
      round = {
        ...current,
        speaker: move.value.speaker,
        passed,
        turnStartedAt: move.value.at,
        turnStartedBy: writer,
      };
      continue;
    }
    const end = endRecord(value, 'round');
    if (end.ok) {
      if (!isFacilitator) {
        ignore(index, 'only a facilitator may end a round');
        continue;
      }
      if (current !== null && end.value.roundId === current.roundId) round = null;
      continue;
    }
    ignore(index, 'it is not a round record this version understands');
  }
  return round;
}

/** Appends a round record (the caller checks the member may; others check again). */
export function appendRound(ydoc: Y.Doc, record: RoundRecord, origin: unknown): void {
  ydoc.transact(() => ydoc.getArray<RoundRecord>(INDEX_LOG.rounds).push([record]), origin);
}
