/**
 * A hostile laptop for the flood benchmark, built from the conformance client's parts
 * (test/conformance/): it joins a circle by its invite, and once linked floods the laptop
 * with SYNC_STEP_1 for the index (the empty state vector: "send me everything"), in
 * bursts, reconnecting whenever it is dropped. It counts what it got back.
 */
import { randomBytes } from 'node:crypto';
import { circleKeys } from '../conformance/circleKeys';
import { readInvite } from '../conformance/invite';
import { PeerLink } from '../conformance/peerLink';
import { KIND, framesOf } from '../conformance/peerMessages';
import { SignallingRoom } from '../conformance/signalling';

/** What the flood got out of the laptop. */
export interface FloodTally {
  /** SYNC_STEP_1 sent. */
  asked: number;
  /** SYNC_STEP_2 frames received (answers, or their chunks). */
  answerFrames: number;
  /** Bytes received. */
  bytes: number;
  /** Times the laptop closed the link. */
  dropped: number;
}

/** Floods the circle of `inviteText` until `stop()`; `burst` requests every `everyMs`. */
export async function startFlood(
  inviteText: string,
  options: { burst: number; everyMs: number },
): Promise<{ tally: FloodTally; stop(): Promise<void> }> {
  const invite = readInvite(inviteText);
  const keys = await circleKeys(invite.circleKey);
  const tally: FloodTally = { asked: 0, answerFrames: 0, bytes: 0, dropped: 0 };
  let link: PeerLink | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;
  const hello = framesOf(
    {
      kind: KIND.HELLO,
      memberId: randomBytes(16).toString('base64url'),
      protocolVersion: 1,
      docCount: 0,
    },
    0,
  )[0]!;
  const ask = framesOf(
    { kind: KIND.SYNC_STEP_1, docId: 'index', stateVector: Uint8Array.of(0) },
    0,
  )[0]!;
  const room: SignallingRoom = new SignallingRoom(
    invite.endpoints[0]!,
    keys,
    randomBytes(12).toString('base64url'),
    {
      announce: (from) => {
        if (link !== null || stopped) return;
        if (room.peerId < from) open(from, true);
        else void room.announce();
      },
      signal: (from, signal) => {
        if (stopped) return;
        if (signal.type === 'offer') {
          link?.close();
          open(from, false);
        }
        void link?.receive(signal).catch(() => undefined);
      },
      leave: () => undefined,
    },
  );
  const open = (peerId: string, offerer: boolean): void => {
    const current: PeerLink = new PeerLink(offerer, {
      signal: (signal) => void room.sendSignal(peerId, signal),
      open: () => {
        current.send(hello);
        timer = setInterval(() => {
          for (let i = 0; i < options.burst && current.isOpen; i++) {
            try {
              current.send(ask);
              tally.asked++;
            } catch {
              // The laptop closed the link mid-burst: it dropped this hostile peer.
              break;
            }
          }
        }, options.everyMs);
      },
      frame: (frame) => {
        tally.bytes += frame.length;
        if (frame[1] === KIND.SYNC_STEP_2 || frame[1] === KIND.CHUNK) tally.answerFrames++;
      },
      closed: () => {
        if (timer !== null) clearInterval(timer);
        timer = null;
        if (link === current) {
          link = null;
          if (!stopped) tally.dropped++;
        }
      },
    });
    link = current;
  };
  await room.connect();
  return {
    tally,
    async stop() {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      link?.close();
      await room.close();
    },
  };
}
