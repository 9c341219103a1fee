/**
 * Traffic counts of a peer session: frames and bytes each way, and whole messages sent
 * by kind. The fan-out benchmark reads them: one keystroke in a mesh of n laptops should
 * cost n−1 UPDATE messages in all.
 */
import type { MessageKindName } from './peerProtocol';

/** Traffic counts of one session. */
export interface PeerCounters {
  framesSent: number;
  bytesSent: number;
  framesReceived: number;
  bytesReceived: number;
  /** Whole messages sent, by kind (a chunked message counts once, as its kind). */
  messagesSent: Record<MessageKindName, number>;
}

/** Counters at zero. */
export function emptyCounters(): PeerCounters {
  return {
    framesSent: 0,
    bytesSent: 0,
    framesReceived: 0,
    bytesReceived: 0,
    messagesSent: {
      HELLO: 0,
      SYNC_STEP_1: 0,
      SYNC_STEP_2: 0,
      UPDATE: 0,
      AWARENESS: 0,
      CHUNK: 0,
      CLOCK_PING: 0,
      CLOCK_PONG: 0,
      CIRCLE_STATE: 0,
      CIRCLE_UPDATES: 0,
    },
  };
}
