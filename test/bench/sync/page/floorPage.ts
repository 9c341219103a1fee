/**
 * The floor of the sync benchmark: a bare page running stock y-webrtc's WebrtcProvider
 * and one Y.Text, nothing else — no editor framework, no store, no checks on updates,
 * no awareness beyond y-webrtc's own. A textarea writes into the Y.Text; a plain
 * element (`#view`) shows its text, replaced whole on every change.
 *
 * Configured by the URL hash: `#room=…&signalling=ws://…&password=…`. The bench drives
 * it through `window.floor` (./floorApi.ts).
 */
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import type { FloorPage } from './floorApi';

const params = new URLSearchParams(location.hash.slice(1));
const room = params.get('room') ?? 'floor';
const signalling = params.get('signalling') ?? '';
const password = params.get('password') ?? undefined;

const ydoc = new Y.Doc();
const ytext = ydoc.getText('text');
const input = document.createElement('textarea');
input.id = 'input';
input.setAttribute('aria-label', 'Text');
const view = document.createElement('div');
view.id = 'view';
document.body.append(input, view);

// The textarea's change, as the smallest replacement of one span by another.
input.addEventListener('input', () => {
  const before = ytext.toJSON();
  const after = input.value;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) {
    start++;
  }
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  ydoc.transact(() => {
    ytext.delete(start, before.length - start - end);
    ytext.insert(start, after.slice(start, after.length - end));
  });
});

ytext.observe((event) => {
  const text = ytext.toJSON();
  view.textContent = text;
  if (!event.transaction.local) input.value = text;
});

let provider: WebrtcProvider | null = null;

function connect(): void {
  if (provider === null) {
    provider = new WebrtcProvider(room, ydoc, {
      signaling: [signalling],
      password,
      peerOpts: { config: { iceServers: [] } },
    });
  } else {
    provider.connect();
  }
}

const floor: FloorPage = {
  connectedPeers: () => {
    const conns = provider?.room?.webrtcConns;
    return conns === undefined ? 0 : [...conns.values()].filter((conn) => conn.connected).length;
  },
  goOffline: () => provider?.disconnect(),
  goOnline: connect,
  fill: (characters, seed) => {
    let written = 0;
    ydoc.transact(() => {
      for (let i = 0; written < characters; i++) {
        const words = `${seed} wrote line ${i} of the year, slowly and with care. `;
        ytext.insert(ytext.length, words);
        written += words.length;
      }
    });
    return written;
  },
  length: () => ytext.length,
};
window.floor = floor;
connect();
