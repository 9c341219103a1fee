/**
 * One connected peer laptop: the session rules of ./peerProtocol.ts over one channel.
 *
 * - `start()` sends HELLO (session version 2, and how many documents this laptop holds).
 *   The peer's first message must be its HELLO. A version-2 peer then gets one
 *   CIRCLE_STATE naming every held document's state vector, and answers it with
 *   CIRCLE_UPDATES batches (./circleOpening.ts): join by circle. A version-1 peer gets a
 *   SYNC_STEP_1 per held document instead, as before.
 * - SYNC_STEP_1 is answered with SYNC_STEP_2, the difference from the peer's state
 *   vector. For a document this laptop lacks, the answer is empty and this laptop sends
 *   its own (empty) SYNC_STEP_1, so the peer sends the whole document; the document is
 *   created only when content arrives, so a bogus id leaves nothing behind.
 * - A CIRCLE_STATE is answered once per session (a second one is a protocol error), at no
 *   cost to the peer's budget: the answer is bounded by this laptop's own notebook. Every
 *   CIRCLE_UPDATES update goes through the same checks as a SYNC_STEP_2; one this laptop
 *   did not ask for, or after the last batch, is a protocol error.
 * - SYNC_STEP_1 costs the peer from its budget (./answerBudget.ts) once its opening
 *   requests are answered: a request the budget cannot pay waits, and a peer owing more
 *   than the budget's `maxOwed` answers is dropped.
 * - SYNC_STEP_2 and UPDATE may only write documents the circle's index names; one that
 *   comes before the index names its document waits until it does (./heldWrites.ts), and
 *   a document still unnamed after 10 s is a ghost (a protocol error). They go through
 *   ./updateGuard.ts with the rules of their kind of document (./documentRules.ts) and
 *   are applied with PEER_ORIGIN; nothing received is ever sent on. An UPDATE that needed
 *   structs this laptop lacks (it overtook them on another channel) is applied in part
 *   and answered with a SYNC_STEP_1, whose answer fills the gap.
 * - AWARENESS must be well-formed and within 16 KiB; it is handed to the documents.
 * - CLOCK_PING is answered at once with CLOCK_PONG, ahead of any queued work, when the
 *   heartbeat's rules want an answer (./heartbeat.ts), and a CLOCK_PONG feeds this
 *   peer's clock estimate (./clockOffset.ts); `pingClock()` asks, and `heartbeat()` asks
 *   only when this side has sent the peer nothing for a while.
 * - The session is "in step" once the peer's HELLO and its opening (CIRCLE_STATE, or all
 *   its opening SYNC_STEP_1) are handled, and the answer to this laptop's opening has been
 *   applied to the last batch.
 * - Anything malformed reports one protocol error and the session stops listening; the
 *   caller drops the peer. `receive` never throws, and nothing refused reaches a document.
 * Messages are handled strictly in arrival order (documents may need loading first).
 * Where the documents offer stored readers, the opening reads documents that are not
 * live from the store instead of loading them (./circleOpening.ts).
 */
import * as Y from 'yjs';
import { scratchDoc } from '../notebook/scratchDoc';
import { INDEX_DOC_ID, type DocId, type MemberId } from '../notebook/ids';
import { logger } from '../log';
import { FrameReader, frameMessage } from './chunking';
import { HOLD, HeldWrites } from './heldWrites';
import { freshLinkTimes, needsHeartbeat, shouldAnswerPing } from './heartbeat';
import { AnswerBudget, ANSWER_BUDGET } from './answerBudget';
import { answerCircleState, circleStates } from './circleOpening';
import { ClockEstimate, type ClockSample } from './clockOffset';
import { OrderedTasks } from './orderedTasks';
import { emptyCounters, type PeerCounters } from './peerCounters';
import {
  CIRCLE_SYNC_VERSION,
  MAX_MESSAGE_BYTES,
  MESSAGE_KIND,
  MESSAGE_KIND_NAME,
  encodePeerMessage,
  isAwarenessUpdate,
  type DocState,
  type DocUpdate,
  type PeerMessage,
} from './peerProtocol';
import type { SyncedDocs } from './syncedDocs';
import {
  applyPeerWrite,
  checkPeerNewDocument,
  newDocumentVerdict,
  type PeerWriteContext,
} from './peerWrites';
import type { NewDocumentCheck } from './updateGuard';
import { inspectUpdate } from './updateShape';
import { SessionOpening, type OpeningProgress } from './sessionOpening';
import { WorkSlices, type YieldToEditor } from './workSlices';

const log = logger('sync');
const EMPTY_UPDATE = new Uint8Array([0, 0]);
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/**
 * True when `update` is well-formed and whole: it applies to an empty document with
 * nothing left waiting for structs it lacks — an answer to an empty state vector, or a
 * new entry's first words — so it is worth holding for the index to name its document.
 */
function wholeDocument(update: Uint8Array): boolean {
  if (!inspectUpdate(scratchDoc(), update, new Set()).ok) return false;
  const scratch = scratchDoc();
  try {
    Y.applyUpdate(scratch, update);
    return scratch.store.pendingStructs === null && scratch.store.pendingDs === null;
  } catch {
    return false;
  } finally {
    scratch.destroy();
  }
}

/** A new document of a CIRCLE_UPDATES batch, and what its check found. */
interface CheckedNewDoc {
  docId: DocId;
  update: Uint8Array;
  result: NewDocumentCheck;
}

/** What a session needs. */
export interface PeerSessionOptions {
  docs: SyncedDocs;
  /** This laptop's member in the circle (sent in HELLO). */
  memberId: MemberId;
  /** The peer's id in the signalling room (for awareness and logs). */
  peerId?: string;
  /** Hands one frame (at most 64 KiB) to the channel. */
  send(frame: Uint8Array): void;
  /** Called once, with a reason, when the peer breaks the protocol. */
  onProtocolError(reason: string): void;
  /** Called when the session's status (HELLO seen, in step) changes. */
  onStatus?(): void;
  /** Called after each batch of the opening's answer is applied (see `progress`). */
  onProgress?(): void;
  /** A peer's update changed this document. */
  onRemoteChange?(docId: DocId): void;
  /** A peer's update of this document was refused by its writing rule (the peer stays). */
  onRefusedWrite?(docId: DocId): void;
  /** Client ids this laptop writes `docId` with, which no peer may write under. */
  ownClients?(docId: DocId): Iterable<number>;
  /** This laptop's clock in ms since 1970 (Date.now unless a test shifts it). */
  now?(): number;
  /** Waits `ms` (setTimeout unless a test drives time); for requests over the budget. */
  wait?(ms: number): Promise<void>;
  /** Gives the editor a turn during long sync work (./workSlices.ts); setTimeout by default. */
  yieldToEditor?: YieldToEditor;
  /** Sends HELLO with this session version (tests speak version 1); 2 by default. */
  sessionVersion?: number;
}

/** The sync protocol with one peer over one channel. */
export class PeerSession {
  /** What crossed this session so far. */
  readonly counters: PeerCounters = emptyCounters();
  private readonly frames = new FrameReader();
  private readonly clock = new ClockEstimate();
  private readonly tasks = new OrderedTasks((error) => {
    log.error('a sync message could not be handled', { error: String(error) });
    this.fail('a message this laptop could not handle');
  });
  private nextMessageId = 0;
  private peerMember: MemberId | null = null;
  private readonly opening: SessionOpening;
  /** SYNC_STEP_1 queued so far, and those not answered yet. */
  private stepOnesQueued = 0;
  private owed = 0;
  /** Documents the peer has asked about so far. */
  private readonly answeredDocs = new Set<DocId>();
  private readonly budget: AnswerBudget;
  /** Documents this laptop already asked the peer about. */
  private readonly asked = new Set<DocId>();
  private started = false;
  private state: 'open' | 'failed' | 'closed' = 'open';
  private lastStatus = '';
  /** When this side last sent anything, and answered pings (for the heartbeat). */
  private readonly linkTimes = freshLinkTimes();
  /** Writes waiting for the index to name their document, and the timer that looks. */
  private readonly held = new HeldWrites();
  private heldTimer: unknown = null;

  constructor(private readonly options: PeerSessionOptions) {
    this.budget = new AnswerBudget(() => this.now());
    this.opening = new SessionOpening(options.sessionVersion ?? CIRCLE_SYNC_VERSION);
  }

  /** The peer's member id, once its HELLO arrived. */
  get memberId(): MemberId | null {
    return this.peerMember;
  }

  /** True once the opening exchange is complete in both directions (see the module comment). */
  get inStep(): boolean {
    return this.state === 'open' && this.peerMember !== null && this.opening.done;
  }

  /**
   * How far the opening exchange has got, in documents (./sessionOpening.ts): equal once
   * in step; shown while a laptop catches up.
   */
  get progress(): OpeningProgress {
    return this.opening.progress(this.inStep);
  }

  /** The peer's clock − this laptop's, from the best recent CLOCK exchange; null before one. */
  get clockOffset(): ClockSample | null {
    return this.clock.best();
  }

  /**
   * Sends HELLO; the rest of the opening waits for the peer's HELLO, which says how to
   * open (by circle, or by document). The held documents start loading meanwhile.
   */
  start(): void {
    if (this.started || this.state !== 'open') return;
    this.started = true;
    const docIds = this.heldDocIds();
    this.opening.docIds = docIds;
    this.sendMessage({
      kind: MESSAGE_KIND.HELLO,
      memberId: this.options.memberId,
      protocolVersion: this.opening.ownVersion,
      docCount: docIds.length,
    });
    // With stored readers the opening reads the store's copy instead: nothing loads ahead.
    const preload = this.options.docs.storeReaders === undefined;
    for (const docId of docIds) {
      // Covered by the opening: a document loading meanwhile needs no request of its own.
      this.asked.add(docId);
      if (preload && this.options.docs.holds(docId)) void this.load(docId);
    }
    // A HELLO that came before `start` is answered now.
    if (this.peerMember !== null) this.open();
  }

  /** Takes one frame from the channel. Never throws. */
  receive(frame: Uint8Array): void {
    if (this.state !== 'open') return;
    this.counters.framesReceived++;
    this.counters.bytesReceived += frame.length;
    try {
      const refusal = this.takeFrame(frame);
      if (refusal !== null) this.fail(refusal);
    } catch (error) {
      log.error('a frame could not be handled', { error: String(error) });
      this.fail('a frame this laptop could not handle');
    }
  }

  /** Sends a local update of `docId` to this peer (dropped before `start`: sync covers it). */
  sendUpdate(docId: DocId, update: Uint8Array): void {
    if (this.started) this.sendMessage({ kind: MESSAGE_KIND.UPDATE, docId, update });
  }

  /** Sends a local awareness update of `docId` to this peer. */
  sendAwareness(docId: DocId, update: Uint8Array): void {
    if (this.started) this.sendMessage({ kind: MESSAGE_KIND.AWARENESS, docId, update });
  }

  /** Sends a CLOCK_PING (once the peer said HELLO); its answer refines `clockOffset`. */
  pingClock(): void {
    if (!this.started || this.state !== 'open' || this.peerMember === null) return;
    const t0 = this.now();
    this.clock.sent(t0);
    this.sendMessage({ kind: MESSAGE_KIND.CLOCK_PING, t0 });
  }

  /**
   * Pings the peer if this side has sent it nothing for `quietMs`: the link's heartbeat,
   * which a link carrying data does without (./heartbeat.ts).
   */
  heartbeat(quietMs: number): void {
    if (needsHeartbeat(this.linkTimes, this.now(), quietMs)) this.pingClock();
  }

  /** Asks the peer for what it has of `docId` that this laptop lacks (anti-entropy). */
  requestSync(docId: DocId): void {
    if (this.started && this.state === 'open') this.ask(docId, false);
  }

  /**
   * Asks about a document that appeared on this laptop, unless this session asked about
   * it already (a document loaded for the opening exchange appears too: asking again
   * would only repeat that exchange).
   */
  requestSyncOnce(docId: DocId): void {
    // While the answer to this laptop's CIRCLE_STATE is on its way, it covers every
    // document the peer holds: one loaded meanwhile (an entry on screen) needs no request.
    if (this.opening.awaitingCircle) this.asked.add(docId);
    if (!this.asked.has(docId)) this.requestSync(docId);
  }

  /** Stops the session: nothing more is sent or handled. */
  close(): void {
    if (this.state === 'open') this.state = 'closed';
    this.tasks.clear();
    this.frames.reset();
    this.dropHeld();
  }

  /** Resolves once every message received so far has been handled. */
  async idle(): Promise<void> {
    await this.tasks.idle();
  }

  /** Reads a frame and queues its message; a reason when the peer broke the protocol. */
  private takeFrame(frame: Uint8Array): string | null {
    const read = this.frames.read(frame);
    if (!read.ok) return read.reason;
    const message = read.value;
    if (message === null) return null;
    if (message.kind === MESSAGE_KIND.HELLO) {
      if (this.peerMember !== null) return 'a second HELLO';
      this.peerMember = message.memberId;
      this.opening.peerDocCount = message.docCount;
      this.opening.peerVersion = message.protocolVersion;
      if (this.started) this.open();
      this.updateStatus();
      return null;
    }
    if (this.peerMember === null) return `${MESSAGE_KIND_NAME[message.kind]!} before HELLO`;
    // Clock messages skip the queue: time spent waiting there would skew the estimate.
    if (message.kind === MESSAGE_KIND.CLOCK_PING) {
      const now = this.now();
      if (shouldAnswerPing(this.linkTimes, now)) {
        this.linkTimes.pongsSent++;
        this.linkTimes.lastPongAt = now;
        this.sendMessage({ kind: MESSAGE_KIND.CLOCK_PONG, t0: message.t0, t1: now });
      }
      return null;
    }
    if (message.kind === MESSAGE_KIND.CLOCK_PONG) {
      this.clock.answered(message.t0, message.t1, this.now());
      return null;
    }
    if (message.kind === MESSAGE_KIND.AWARENESS && !isAwarenessUpdate(message.update)) {
      return 'an AWARENESS update that is malformed or too large';
    }
    if (message.kind === MESSAGE_KIND.CIRCLE_STATE) {
      const refusal = this.opening.admitCircleState();
      if (refusal !== null) return refusal;
    }
    if (message.kind === MESSAGE_KIND.CIRCLE_UPDATES) {
      const refusal = this.opening.admitCircleUpdates(message.last);
      if (refusal !== null) return refusal;
    }
    if (message.kind === MESSAGE_KIND.SYNC_STEP_1) {
      this.stepOnesQueued++;
      this.owed++;
      if (this.owed > ANSWER_BUDGET.maxOwed) {
        return `more than ${ANSWER_BUDGET.maxOwed} SYNC_STEP_1 waiting for an answer (a flood)`;
      }
    }
    this.prefetch(message);
    this.tasks.push(async () => {
      if (this.state !== 'open') return;
      const refusal = await this.handle(message);
      if (refusal !== null) this.fail(refusal);
      this.updateStatus();
    });
    return null;
  }

  private async handle(message: PeerMessage): Promise<string | null> {
    switch (message.kind) {
      case MESSAGE_KIND.SYNC_STEP_1: {
        const { docId, stateVector } = message;
        // Free: the opening's requests, each about a document not asked about before (a
        // HELLO announcing a million documents buys no repeated answers). A peer opening
        // by circle has no opening SYNC_STEP_1.
        const opening =
          !this.opening.byCircle &&
          this.opening.stepOnesReceived < this.opening.peerDocCount &&
          !this.answeredDocs.has(docId);
        this.answeredDocs.add(docId);
        if (!opening) {
          await this.budget.pay(
            (ms) => this.options.wait?.(ms) ?? new Promise((done) => setTimeout(done, ms)),
            () => this.state === 'open',
            () =>
              log.info('a peer asks for more than its share of answers; they wait', {
                peerId: this.peerId,
              }),
          );
        }
        if (this.state !== 'open') return null;
        this.opening.stepOnesReceived++;
        this.owed--;
        // A document the index does not name is not served, even if this laptop holds it.
        const known = this.isHeld(docId);
        const ydoc = known ? await this.load(docId) : null;
        const update = ydoc === null ? EMPTY_UPDATE : Y.encodeStateAsUpdate(ydoc, stateVector);
        if (!opening) this.budget.spend(update.length);
        this.sendMessage({ kind: MESSAGE_KIND.SYNC_STEP_2, docId, update });
        // Asked even before the index names it: the index's answer, requested first, comes
        // first, and the answer to this is checked when it arrives.
        if (!this.asked.has(docId)) this.ask(docId, true);
        return null;
      }
      case MESSAGE_KIND.SYNC_STEP_2:
        this.opening.answered(message.docId);
        return this.applyOrHold('SYNC_STEP_2', message.docId, message.update);
      case MESSAGE_KIND.UPDATE:
        return this.applyOrHold('UPDATE', message.docId, message.update);
      case MESSAGE_KIND.CIRCLE_STATE:
        await this.answerCircle(message.states);
        return null;
      case MESSAGE_KIND.CIRCLE_UPDATES:
        return this.applyCircleUpdates(message.updates, message.last);
      case MESSAGE_KIND.AWARENESS:
        try {
          this.options.docs.applyRemoteAwareness(message.docId, message.update, this.peerId);
        } catch (error) {
          log.warn('an awareness update could not be applied', { error: String(error) });
        }
        return null;
      default:
        return `${MESSAGE_KIND_NAME[message.kind]!} out of place`;
    }
  }

  /**
   * Applies a peer's write, or holds it while the index does not name its document yet,
   * this laptop has never had it and the write is a whole document (or an earlier write
   * of it still waits): ./heldWrites.ts. Any other write for a document the index does
   * not name is refused at once, as before.
   */
  private async applyOrHold(
    kind: 'SYNC_STEP_2' | 'UPDATE',
    docId: DocId,
    update: Uint8Array,
  ): Promise<string | null> {
    const empty = update.length === 2 && update[0] === 0 && update[1] === 0;
    const unheard = !this.options.docs.isNamed(docId) && !this.options.docs.holds(docId);
    if (!empty && (this.held.holds(docId) || (unheard && wholeDocument(update)))) {
      // The peer serves only documents its index names: its index names this one.
      if (this.held.empty) this.requestSync(INDEX_DOC_ID);
      const refusal = this.held.hold({ kind, docId, update, at: this.now() });
      if (refusal === null) this.watchHeld();
      return refusal;
    }
    const refusal = await this.applyUpdate(kind, docId, update);
    // The index may now name documents whose writes wait.
    if (refusal === null && docId === INDEX_DOC_ID && !this.held.empty) return this.releaseHeld();
    return refusal;
  }

  /** Applies, in arrival order, the held writes whose documents the index now names. */
  private async releaseHeld(): Promise<string | null> {
    for (const write of this.held.takeNamed((docId) => this.options.docs.isNamed(docId))) {
      const refusal = await this.applyUpdate(write.kind, write.docId, write.update);
      if (refusal !== null || !this.isOpen()) return refusal;
    }
    return null;
  }

  /**
   * Looks at the held writes every HOLD.checkMs, in turn with the messages (the index may
   * have changed by another peer or on this laptop): releases those now named, and fails
   * the session on one whose document stayed unnamed for HOLD.ms.
   */
  private watchHeld(): void {
    if (this.heldTimer !== null) return;
    this.heldTimer = setTimeout(() => {
      this.heldTimer = null;
      this.tasks.push(async () => {
        if (!this.isOpen()) return;
        const refusal = await this.releaseHeld();
        const overdue = this.held.overdue(this.now());
        if (refusal !== null) this.fail(refusal);
        else if (overdue !== null) {
          this.fail(
            `${overdue.kind} for a document the circle's index does not name (after ${HOLD.ms / 1000} s)`,
          );
        } else if (!this.held.empty) this.watchHeld();
      });
    }, HOLD.checkMs);
  }

  private dropHeld(): void {
    if (this.heldTimer !== null) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    this.held.clear();
  }

  private async applyUpdate(
    kind: 'SYNC_STEP_2' | 'UPDATE',
    docId: DocId,
    update: Uint8Array,
  ): Promise<string | null> {
    const result = await applyPeerWrite(
      {
        docs: this.options.docs,
        peerId: this.peerId,
        ownClients: (id) => this.options.ownClients?.(id) ?? [],
        load: (id) => this.load(id),
        isOpen: () => this.state === 'open',
        writing: (id) => this.options.docs.writing?.(id) ?? null,
      },
      kind,
      docId,
      update,
    );
    if (result.refusal !== null) return result.refusal;
    if (result.refusedByRule === true) this.options.onRefusedWrite?.(docId);
    if (!result.changed) return null;
    this.options.onRemoteChange?.(docId);
    // It overtook structs on their way from another laptop: this peer has them too.
    if (result.incomplete && kind === 'UPDATE') this.ask(docId, false);
    return null;
  }

  /** Sends this laptop's opening, as the peer's HELLO asks: by circle or by document. */
  private open(): void {
    if (!this.opening.byCircle) {
      for (const docId of this.opening.docIds) this.ask(docId, true);
      return;
    }
    this.opening.awaitingCircle = true;
    this.tasks.push(async () => {
      const states = await circleStates(
        this.opening.docIds,
        (docId) => (this.options.docs.holds(docId) ? this.load(docId) : Promise.resolve(null)),
        this.options.docs.storeReaders,
      );
      this.sendMessage({ kind: MESSAGE_KIND.CIRCLE_STATE, states });
    });
  }

  /** Answers the peer's CIRCLE_STATE, in slices so the editor keeps its turns. */
  private async answerCircle(states: DocState[]): Promise<void> {
    const slices = this.slices();
    await answerCircleState(states, {
      heldNamedDocIds: () => this.heldDocIds().filter((docId) => this.isHeld(docId)),
      load: (docId) => this.load(docId),
      send: (updates, last) =>
        this.sendMessage({ kind: MESSAGE_KIND.CIRCLE_UPDATES, last, updates }),
      pause: () => slices.pause(),
      isOpen: () => this.state === 'open',
      stored: this.options.docs.storeReaders,
    });
    this.opening.circleStateAnswered = true;
  }

  /**
   * Applies one batch of the answer to this laptop's CIRCLE_STATE, as SYNC_STEP_2 each.
   * A whole document this laptop did not hold, where the documents can write new ones
   * without loading them (`SyncedDocs.newDocs`), is checked on its own, and the batch's
   * checked ones are written together in one write; the
   * others are applied to their live documents, in order. A refused document ends the
   * session, but the batch's new documents that passed are kept: each was checked alone,
   * and a peer's bad one should not cost the good ones.
   */
  private async applyCircleUpdates(updates: DocUpdate[], last: boolean): Promise<string | null> {
    const slices = this.slices();
    const newDocs = this.options.docs.newDocs;
    let checks: CheckedNewDoc[] = [];
    let refusal: string | null = null;
    const finishChecks = async (): Promise<void> => {
      const finished = checks;
      checks = [];
      refusal = await this.writeChecked(finished, refusal);
    };
    for (const { docId, update } of updates) {
      // In step with this peer as of this answer: loading it asks nothing more of the peer.
      this.asked.add(docId);
      // A document twice in one batch: its second part goes to the document the first made.
      if (checks.some((check) => check.docId === docId)) await finishChecks();
      const result =
        newDocs === undefined || refusal !== null
          ? null
          : checkPeerNewDocument(this.writeContext(), newDocs, docId, update);
      if (result !== null) {
        checks.push({ docId, update, result });
      } else if (refusal === null) {
        refusal = await this.applyUpdate('SYNC_STEP_2', docId, update);
        if (refusal === null) this.opening.circleReceived++;
      }
      await slices.pause();
      // Closed meanwhile (the link dropped): what was checked is still kept.
      if (!this.isOpen()) break;
    }
    await finishChecks();
    if (refusal !== null || !this.isOpen()) return refusal;
    if (last) this.opening.awaitingCircle = false;
    this.options.onProgress?.();
    return null;
  }

  /**
   * Writes the new documents whose checks passed in one write; one a writing rule refused
   * goes the live path (which says so). Returns the first refusal, `refusal` if one came
   * before.
   */
  private async writeChecked(
    checks: readonly CheckedNewDoc[],
    refusal: string | null,
  ): Promise<string | null> {
    const newDocs = this.options.docs.newDocs;
    const verdicts = checks.map((check) =>
      newDocumentVerdict('SYNC_STEP_2', check.docId, check.result),
    );
    // From here to the write, no wait: a document still taken now is written before anything
    // else can make it live.
    const passed: DocUpdate[] = [];
    const toLive: CheckedNewDoc[] = [];
    for (const [i, check] of checks.entries()) {
      const verdict = verdicts[i] ?? null;
      // A rule's refusal, or made live meanwhile (an editor opened on it while it was
      // checked): the live path, through the guard, like any peer's write.
      if (verdict === null || newDocs?.takes(check.docId) === false) toLive.push(check);
      else if (!verdict.ok) refusal ??= verdict.reason;
      else {
        passed.push({ docId: check.docId, update: verdict.update });
        this.opening.circleReceived++;
      }
    }
    if (passed.length > 0 && newDocs !== undefined) {
      newDocs.write(passed);
      for (const { docId } of passed) this.options.onRemoteChange?.(docId);
    }
    for (const { docId, update } of toLive) {
      if (refusal !== null || !this.isOpen()) break;
      refusal = await this.applyUpdate('SYNC_STEP_2', docId, update);
      if (refusal === null) this.opening.circleReceived++;
    }
    return refusal;
  }

  private writeContext(): Pick<PeerWriteContext, 'docs' | 'ownClients' | 'writing'> {
    return {
      docs: this.options.docs,
      ownClients: (id) => this.options.ownClients?.(id) ?? [],
      writing: (id) => this.options.docs.writing?.(id) ?? null,
    };
  }

  /** A method, not a field read: the state may change across an await. */
  private isOpen(): boolean {
    return this.state === 'open';
  }

  private slices(): WorkSlices {
    return new WorkSlices(() => this.now(), this.options.yieldToEditor);
  }

  /**
   * Starts loading a document a queued message will need. Messages are handled strictly
   * in order, but their documents load side by side: a laptop joining a big notebook
   * then waits for the slowest load, not for the sum of them all.
   */
  private prefetch(message: PeerMessage): void {
    if (!('docId' in message)) return;
    const { docId } = message;
    if (this.options.docs.holds(docId)) void this.load(docId);
  }

  /** Sends SYNC_STEP_1 for `docId` once it is loaded; `opening` counts towards "in step". */
  private ask(docId: DocId, opening: boolean): void {
    this.asked.add(docId);
    if (this.options.docs.holds(docId)) void this.load(docId);
    if (opening) this.opening.expect(docId);
    this.tasks.push(async () => {
      const known = this.options.docs.holds(docId);
      const ydoc = known ? await this.load(docId) : null;
      if (ydoc === null && !opening) return;
      const stateVector = ydoc === null ? EMPTY_STATE_VECTOR : Y.encodeStateVector(ydoc);
      this.sendMessage({ kind: MESSAGE_KIND.SYNC_STEP_1, docId, stateVector });
    });
  }

  /**
   * What the opening asks about: the index first, held or not (a peer writes only what
   * the index names, so the index's answer must come before any entry's), then every
   * other document this laptop holds that the index names.
   */
  private heldDocIds(): DocId[] {
    const others = this.options.docs
      .docIds()
      .filter((docId) => docId !== INDEX_DOC_ID && this.options.docs.isNamed(docId));
    return [INDEX_DOC_ID, ...others];
  }

  private isHeld(docId: DocId): boolean {
    return this.options.docs.isNamed(docId) && this.options.docs.holds(docId);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private get peerId(): string {
    return this.options.peerId ?? '';
  }

  private async load(docId: DocId): Promise<Y.Doc | null> {
    try {
      return await this.options.docs.doc(docId);
    } catch (error) {
      log.warn('a document could not be opened for sync', { docId, error: String(error) });
      return null;
    }
  }

  private sendMessage(message: PeerMessage): void {
    if (this.state !== 'open') return;
    const encoded = encodePeerMessage(message);
    const kind = MESSAGE_KIND_NAME[message.kind]!;
    if (encoded.length > MAX_MESSAGE_BYTES) {
      log.error('a sync message over the protocol limit was not sent', {
        kind,
        bytes: encoded.length,
      });
      return;
    }
    this.counters.messagesSent[kind]++;
    this.linkTimes.lastSentAt = this.now();
    for (const frame of frameMessage(encoded, this.nextMessageId++)) {
      this.counters.framesSent++;
      this.counters.bytesSent += frame.length;
      try {
        this.options.send(frame);
      } catch (error) {
        log.warn('a frame could not be sent to a peer', { error: String(error) });
      }
    }
  }

  private fail(reason: string): void {
    if (this.state !== 'open') return;
    this.state = 'failed';
    this.tasks.clear();
    this.frames.reset();
    this.dropHeld();
    this.options.onProtocolError(reason);
    this.updateStatus();
  }

  private updateStatus(): void {
    const { done, total } = this.progress;
    const status = `${this.state}|${this.peerMember ?? ''}|${String(this.inStep)}|${done}/${total}`;
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    this.options.onStatus?.();
  }
}
