/**
 * A laptop that knows a circle's room name but holds the wrong key, playing y-webrtc's
 * signalling protocol on a real endpoint: it subscribes to the room, announces itself,
 * offers a WebRTC connection to everyone it hears, and tries to open every message it
 * receives. It is what a stranger on the same network with a leaked room name could do.
 */
import WebSocket from 'ws';
import { openSignal, sealSignal, signallingKey } from '../../shared/sync/signallingCipher';

/** What the intruder saw while it tried. */
export interface IntruderReport {
  /** Sealed messages it received from the room. */
  received: number;
  /** Of those, how many it could open (must stay 0). */
  opened: number;
  /** Everything it received, as text, to search for the circle's words. */
  transcript: string;
}

/** Sits in `roomName` on `endpoint` for `durationMs`, sealing with `wrongSecret`. */
export async function intrude(options: {
  endpoint: string;
  roomName: string;
  wrongSecret: string;
  durationMs: number;
}): Promise<IntruderReport> {
  const key = await signallingKey(options.wrongSecret, options.roomName);
  const report: IntruderReport = { received: 0, opened: 0, transcript: '' };
  const socket = new WebSocket(options.endpoint);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const publish = async (message: unknown): Promise<void> => {
    const data = await sealSignal(key, message);
    socket.send(JSON.stringify({ type: 'publish', topic: options.roomName, data }));
  };
  socket.send(JSON.stringify({ type: 'subscribe', topics: [options.roomName] }));
  socket.on('message', (raw: WebSocket.RawData) => {
    const text = Buffer.isBuffer(raw)
      ? raw.toString('utf8')
      : Buffer.concat(Array.isArray(raw) ? raw : [Buffer.from(raw)]).toString('utf8');
    report.transcript += `${text}\n`;
    const message = JSON.parse(text) as { type?: string; data?: unknown };
    if (message.type !== 'publish') return;
    report.received++;
    void openSignal(key, message.data).then((opened) => {
      if (opened !== null) report.opened++;
    });
  });
  const from = 'intruder-0123456789';
  const fakeOffer = {
    type: 'offer',
    sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n',
  };
  const started = Date.now();
  let seq = 0;
  while (Date.now() - started < options.durationMs) {
    await publish({ type: 'announce', from });
    // Offer to anyone: it cannot know their peer ids, so it guesses at the usual shapes.
    await publish({ type: 'signal', from, to: 'aaaaaaaaaaaaaaaa', seq: ++seq, signal: fakeOffer });
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  socket.close();
  return report;
}
