/**
 * The sync benchmark's in-page probe, injected (bundled as an IIFE) before any script of
 * the page runs, into Hearth's own pages and into the stock y-webrtc floor page alike.
 * It changes nothing the page does: it wraps `RTCDataChannel.prototype.send` to count
 * and size what is sent, listens for data channels opening, and watches the DOM. The
 * Node side reads it through `window.syncProbe` (see ./probeApi.ts).
 */
import type {
  Paint,
  PageCondition,
  SendTally,
  SyncProbe,
  TextState,
  WireProtocol,
} from './probeApi';

const HEARTH_KINDS = [
  '',
  'HELLO',
  'SYNC_STEP_1',
  'SYNC_STEP_2',
  'UPDATE',
  'AWARENESS',
  'CHUNK',
  'CLOCK_PING',
  'CLOCK_PONG',
];
const SYNC_KINDS = ['sync-step-1', 'sync-step-2', 'sync-update'];
const Y_WEBRTC_KINDS = ['sync', 'awareness', 'auth', 'query-awareness', 'bc-peer-id'];

const now = (): number => performance.timeOrigin + performance.now();

/** Names a message by its first bytes (see shared/sync/PEER_PROTOCOL.md and y-webrtc). */
function kindOf(protocol: WireProtocol, bytes: Uint8Array): string {
  if (protocol === 'hearth') {
    const kind = bytes[1] ?? 0;
    return bytes[0] === 1 ? (HEARTH_KINDS[kind] ?? `kind-${kind}`) : `version-${bytes[0] ?? 0}`;
  }
  const kind = Y_WEBRTC_KINDS[bytes[0] ?? 99] ?? 'unknown';
  return kind === 'sync' ? (SYNC_KINDS[bytes[1] ?? 99] ?? 'sync-unknown') : kind;
}

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

// 53-bit string hash (cyrb53): cheap enough to run on every painted frame.
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function signatureOf(selector: string): string {
  const texts = [...document.querySelectorAll(selector)].map((el) => el.textContent);
  texts.sort();
  const joined = texts.join('\u0000');
  return `${texts.length}:${joined.length}:${hash(joined)}`;
}

function holds(condition: PageCondition): boolean {
  const matches = document.querySelectorAll(condition.selector);
  if (condition.count !== undefined && matches.length < condition.count) return false;
  if (condition.text !== undefined && matches[0]?.textContent.trim() !== condition.text) {
    return false;
  }
  return matches.length > 0;
}

/**
 * Calls `onFrame` once the frame after any DOM change under `target` is produced: a
 * task posted from the next animation frame callback runs after that frame's paint
 * (the callback itself runs before it).
 */
function onPaintedChange(target: Node, onFrame: (mutated: number) => void): MutationObserver {
  let firstMutation: number | null = null;
  const afterFrame = new MessageChannel();
  afterFrame.port1.onmessage = () => {
    const mutated = firstMutation ?? now();
    firstMutation = null;
    onFrame(mutated);
  };
  const observer = new MutationObserver(() => {
    if (firstMutation !== null) return;
    firstMutation = now();
    requestAnimationFrame(() => afterFrame.port2.postMessage(null));
  });
  observer.observe(target, { childList: true, subtree: true, characterData: true });
  return observer;
}

/** Installs the probe for pages speaking `protocol`. */
export function install(protocol: WireProtocol): void {
  let tally: SendTally = { messages: 0, bytes: 0, largest: 0, byKind: {} };
  const opens: number[] = [];
  const marks = new Map<string, number>();
  let keys: number[] | null = null;
  let paints: Paint[] = [];
  let paintObserver: MutationObserver | null = null;
  const textStates: TextState[] = [];
  const autoClicks = new Map<string, MutationObserver>();

  // The originals are only ever called with `.call(this, …)`, on their own receivers.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalSend = RTCDataChannel.prototype.send as (this: RTCDataChannel, d: unknown) => void;
  RTCDataChannel.prototype.send = function send(this: RTCDataChannel, data: unknown): void {
    const bytes = bytesOf(data);
    const size = bytes?.byteLength ?? (typeof data === 'string' ? data.length : 0);
    // Counted before sending, so a message Chromium refuses (too large) still shows.
    tally.messages++;
    tally.bytes += size;
    tally.largest = Math.max(tally.largest, size);
    const kind = bytes === null ? 'text' : kindOf(protocol, bytes);
    tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
    originalSend.call(this, data);
  };

  const watchChannel = (channel: RTCDataChannel): void => {
    channel.addEventListener('open', () => opens.push(now()));
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalCreate = RTCPeerConnection.prototype.createDataChannel;
  RTCPeerConnection.prototype.createDataChannel = function createDataChannel(
    this: RTCPeerConnection,
    label: string,
    init?: RTCDataChannelInit,
  ): RTCDataChannel {
    const channel = originalCreate.call(this, label, init);
    watchChannel(channel);
    return channel;
  };

  window.addEventListener(
    'keydown',
    () => {
      keys?.push(now());
    },
    true,
  );

  const probe: SyncProbe = {
    now,
    tally: () => structuredClone(tally),
    resetTally: () => {
      tally = { messages: 0, bytes: 0, largest: 0, byKind: {} };
    },
    channelOpens: () => [...opens],
    startKeyLog: () => {
      keys = [];
    },
    keyTimes: () => [...(keys ?? [])],
    watchPaints: (selector) => {
      const element = document.querySelector(selector);
      if (element === null) throw new Error(`nothing matches ${selector}`);
      paintObserver?.disconnect();
      paints = [];
      paintObserver = onPaintedChange(element, (mutated) => {
        paints.push({ mutated, painted: now(), length: element.textContent.length });
      });
      return element.textContent.length;
    },
    paints: () => [...paints],
    watchTexts: (selector) => {
      textStates.length = 0;
      textStates.push({ painted: now(), signature: signatureOf(selector) });
      onPaintedChange(document.body, () => {
        const signature = signatureOf(selector);
        if (signature !== textStates.at(-1)?.signature) {
          textStates.push({ painted: now(), signature });
        }
      });
    },
    textStates: () => [...textStates],
    textSignature: signatureOf,
    markClick: (label, buttonText) => {
      window.addEventListener(
        'click',
        (event) => {
          const button = event.target instanceof Element ? event.target.closest('button') : null;
          if (button?.textContent.trim() === buttonText && !marks.has(label)) {
            marks.set(label, now());
          }
        },
        true,
      );
    },
    clickWhenShown: (buttonText) => {
      if (autoClicks.has(buttonText)) return;
      const clickIt = (): void => {
        for (const button of document.querySelectorAll('button')) {
          if (button.textContent.trim() === buttonText) button.click();
        }
      };
      clickIt();
      autoClicks.set(buttonText, onPaintedChange(document.body, clickIt));
    },
    stopClicking: (buttonText) => {
      autoClicks.get(buttonText)?.disconnect();
      autoClicks.delete(buttonText);
    },
    markWhen: (label, conditions) => {
      const check = (): boolean => {
        if (marks.has(label) || !conditions.every(holds)) return false;
        marks.set(label, now());
        return true;
      };
      const observer = onPaintedChange(document.body, () => {
        if (check()) observer.disconnect();
      });
    },
    mark: (label) => marks.get(label) ?? null,
  };
  window.syncProbe = probe;
}
