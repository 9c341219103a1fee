/**
 * What the sync benchmark's in-page probe (./syncProbe.ts) offers the Node side. Every
 * time is on the clock all pages of one machine share: `performance.timeOrigin +
 * performance.now()`, epoch milliseconds with sub-millisecond precision.
 */

/** Which wire format a page's data channels carry, to name each message sent. */
export type WireProtocol = 'hearth' | 'y-webrtc';

/** Data-channel messages one page has sent since the last reset. */
export interface SendTally {
  messages: number;
  bytes: number;
  /** The largest single message handed to `RTCDataChannel.send` (even one it refused). */
  largest: number;
  /** Messages by kind: Hearth's message kinds, or y-protocols' ("sync-update", …). */
  byKind: Record<string, number>;
}

/** One frame in which a watched element had changed. */
export interface Paint {
  /** When the first DOM mutation of the frame was observed. */
  mutated: number;
  /** When the frame after it was produced (a task posted from the next animation frame). */
  painted: number;
  /** The element's text length then. */
  length: number;
}

/** The signature of the watched texts at one painted frame. */
export interface TextState {
  painted: number;
  signature: string;
}

/** A condition on the page for {@link SyncProbe.markWhen}. */
export interface PageCondition {
  selector: string;
  /** At least this many elements match. */
  count?: number;
  /** The first match's text is exactly this. */
  text?: string;
}

/** The probe, as `window.syncProbe` in every benchmarked page. */
export interface SyncProbe {
  /** The shared clock. */
  now(): number;
  /** Data-channel traffic since the last reset. */
  tally(): SendTally;
  resetTally(): void;
  /** When data channels opened, in order. */
  channelOpens(): number[];
  /** Starts (again) recording keydown times. */
  startKeyLog(): void;
  keyTimes(): number[];
  /** Watches the first element matching `selector`; returns its text length now. */
  watchPaints(selector: string): number;
  paints(): Paint[];
  /** Records, per painted frame, a signature of the texts of every `selector` match. */
  watchTexts(selector: string): void;
  textStates(): TextState[];
  /** The signature of the texts of every `selector` match now (sorted, so order-free). */
  textSignature(selector: string): string;
  /** Records under `label` the time of the first click on a button reading `buttonText`. */
  markClick(label: string, buttonText: string): void;
  /** Until stopped, clicks any button reading `buttonText` in the frame it appears in. */
  clickWhenShown(buttonText: string): void;
  stopClicking(buttonText: string): void;
  /** Records under `label` the first painted frame at which every condition holds. */
  markWhen(label: string, conditions: PageCondition[]): void;
  /** A time recorded by markClick or markWhen. */
  mark(label: string): number | null;
}

declare global {
  interface Window {
    syncProbe: SyncProbe;
  }
}
