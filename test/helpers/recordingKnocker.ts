/**
 * A knocker for tests and load runs, outside any Hearth: the real knocker state machine
 * (shared/sync/door/knocker.ts) over its own WebSocket, keeping every byte the door sent,
 * so a test can say exactly what a refused knocker learnt.
 */
import { WebSocket, type RawData } from 'ws';
import type { MemberColour } from '../../shared/notebook/schema';
import { Knocker, type KnockerStep } from '../../shared/sync/door/knocker';
import { DOOR_SUBPROTOCOL } from '../../electron/main/services/door/doorRecords';

/** What a recorded knock saw. */
export interface RecordedKnock {
  /** Every frame the door sent, as received. */
  readonly received: Uint8Array[];
  /** Every step the knocker took, in order. */
  readonly steps: KnockerStep[];
  /** The HTTP status of a refused handshake, if it was refused. */
  refusedWith: number | null;
  /** The close code, once closed. */
  closeCode: number | null;
  /** Resolves once the words are known (or the knock ended first: null). */
  words: Promise<readonly string[] | null>;
  /** Resolves with the last step once the knock is over (let in, ended, refused, closed). */
  done: Promise<KnockerStep | { kind: 'closed'; code: number | null }>;
  /** Sends raw bytes (a hostile knocker). */
  sendRaw(bytes: Uint8Array | string): void;
  close(): void;
}

/** Knocks on `url` as `name`; `start: false` opens the connection and sends nothing. */
export function recordKnock(
  url: string,
  name = 'Sam',
  options: { colour?: MemberColour; start?: boolean; localAddress?: string } = {},
): RecordedKnock {
  const ws = new WebSocket(url, DOOR_SUBPROTOCOL, {
    perMessageDeflate: false,
    ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
  });
  let settleWords: (words: readonly string[] | null) => void = () => undefined;
  let settleDone: RecordedKnock['done'] extends Promise<infer T>
    ? (value: T) => void
    : never = () => undefined;
  const record: RecordedKnock = {
    received: [],
    steps: [],
    refusedWith: null,
    closeCode: null,
    words: new Promise((resolve) => (settleWords = resolve)),
    done: new Promise((resolve) => (settleDone = resolve)),
    sendRaw: (bytes) => ws.send(bytes),
    close: () => ws.close(),
  };
  let knocker: Promise<Knocker> | null = null;
  // Frames are handled in order; the close waits for them (an answer comes just before it).
  let handled: Promise<unknown> = Promise.resolve();
  ws.on('unexpected-response', (_request, response) => {
    record.refusedWith = response.statusCode ?? 0;
    ws.terminate();
  });
  ws.on('error', () => undefined);
  ws.on('open', () => {
    if (options.start === false) return;
    knocker = Knocker.start({
      name,
      colour: options.colour ?? 'sage',
      send: (frame) => ws.send(frame),
    });
  });
  ws.on('message', (data: RawData) => {
    const bytes = new Uint8Array(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]));
    record.received.push(bytes);
    const started = knocker;
    if (started === null) return;
    handled = handled
      .then(() => started)
      .then((knock) => knock.receive(bytes))
      .then((step) => {
        record.steps.push(step);
        if (step.kind === 'words') settleWords(step.words);
        else {
          settleWords(null);
          settleDone(step);
        }
      });
  });
  ws.on('close', (code) => {
    record.closeCode = code;
    settleWords(null);
    // Frames already received are handled first.
    void handled.then(() => settleDone({ kind: 'closed', code }));
  });
  return record;
}
