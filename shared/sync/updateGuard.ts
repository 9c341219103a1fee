/**
 * The only way an update from a peer reaches a live document. Yjs applies some malformed
 * updates partially (it integrates the structs it read, then throws on a bad delete
 * set), silently (a zero-length item is accepted and breaks encoding later), or parks
 * them forever as "pending"; none of that may happen to the notebook.
 *
 * 1. ./updateShape.ts counts the structs (at most a million), decodes the whole update
 *    and refuses what honest writers never produce. Nothing has touched the document yet.
 * 2. Fast path: a plain addition (what typing produces: new structs continuing their
 *    writers' clocks, next to live items) is applied directly. Cost: a decode plus a
 *    lookup per struct, independent of the document's size.
 * 3. Thorough path, for everything else (sync step 2, concurrent structures, deletions of
 *    collected text, missing dependencies) and for any update a rule of the document's
 *    kind (./documentRules.ts) cannot rule out: a scratch copy is made from the
 *    document's state and the update applied to it. If Yjs throws, the update is refused.
 *    Structs left pending are dropped from the scratch (the caller asks the peer for a
 *    full diff instead). A local edit next to the new items is tried on the scratch and
 *    must only refer to ids a replica holding that state has; each rule checks the
 *    scratch. Then:
 *    - when the scratch started as the live document (its own encoding, applied whole,
 *      the same state vector) and took the update whole, the peer's bytes go to the live
 *      document: the same bytes on the same state give the same state (an index of a
 *      year's meetings, for a joining laptop, is then decoded once and applied twice,
 *      not decoded twice, encoded once and applied three times);
 *    - otherwise the scratch's new state is re-encoded relative to the document's (this
 *      fails if the scratch's store was damaged) and that difference — Yjs's own
 *      encoding of a checked state, not the peer's bytes — is tried on a second copy of
 *      the live document, and refused unless it gives the very state the scratch has:
 *      only then is it applied to the live document.
 * Every refusal is a reason, never the update's content; the live document is untouched.
 */
import * as Y from 'yjs';
import { scratchDoc } from '../notebook/scratchDoc';
import { logger } from '../log';
import type { Checked } from '../validate';
import type { DocumentRule } from './documentRules';
import { probeLocalEdit } from './localEditProbe';
import { MAX_MESSAGE_BYTES } from './peerProtocol';
import { inspectUpdate, type DecodedUpdate } from './updateShape';

const log = logger('sync');

/** How to check an update. */
export interface GuardOptions {
  /** Client ids this laptop writes with, besides `ydoc.clientID` (editor replicas). */
  ownClients?: Iterable<number>;
  /**
   * `scratch` forces the thorough path; `rehearsed` forces it and also the re-encoded,
   * rehearsed change where the peer's bytes would do (tests compare the paths).
   */
  path?: 'auto' | 'scratch' | 'rehearsed';
  /** What this kind of document may hold (./documentRules.ts). */
  rules?: readonly DocumentRule[];
}

/** What happened to an update. */
export type GuardResult =
  | {
      ok: true;
      /** Which check it went through. */
      path: 'fast' | 'scratch';
      /** Parts that need structs this document lacks were left out: ask the peer for a diff. */
      incomplete: boolean;
      /** Thorough path: what went to the live document, the peer's bytes or Yjs's difference. */
      change?: 'peer bytes' | 'difference';
    }
  | { ok: false; reason: string; soft?: boolean };

/** Checks `update` and applies it to `ydoc` with `origin` only if it passes. */
export function applyGuardedUpdate(
  ydoc: Y.Doc,
  update: Uint8Array,
  origin: unknown,
  options: GuardOptions = {},
): GuardResult {
  if (update.length > MAX_MESSAGE_BYTES) return refuse('an update over the size limit');
  const ownClients = new Set(options.ownClients ?? []);
  ownClients.add(ydoc.clientID);
  const shape = inspectUpdate(ydoc, update, ownClients);
  if (!shape.ok) return shape;
  const rules = options.rules ?? [];
  const fast =
    shape.value.plainAddition &&
    (options.path ?? 'auto') === 'auto' &&
    !rules.some((rule) => rule.mayBreak(ydoc, shape.value.decoded));
  if (fast) {
    const applied = applyToLive(ydoc, update, origin);
    return applied.ok ? { ok: true, path: 'fast', incomplete: false } : applied;
  }
  return applyThroughScratch(ydoc, update, origin, rules, {
    inspected: shape.value.decoded,
    rehearsed: options.path === 'rehearsed',
  });
}

/** What checking a new document's update found: the bytes to keep, or why it is refused. */
export type NewDocumentCheck =
  | {
      ok: true;
      /** What to store: the peer's bytes, or Yjs's encoding of what applied if part could not. */
      update: Uint8Array;
      /** Parts that need structs this laptop lacks were left out. */
      incomplete: boolean;
    }
  | { ok: false; reason: string; soft?: boolean };

/**
 * Checks a peer's update for a document this laptop does not hold at all, without a live
 * document: the thorough path's checks (shape, Yjs applying it to an empty scratch, the
 * rules, the local-edit probe), as {@link applyGuardedUpdate} runs them for an empty live
 * document. What passes may be written to the store as it is: an empty document given
 * the same bytes is the scratch again. A laptop joining a circle checks each entry so,
 * and holds none of them live (shared/sync/peerSession.ts).
 */
export function checkNewDocument(update: Uint8Array, options: GuardOptions = {}): NewDocumentCheck {
  if (update.length > MAX_MESSAGE_BYTES) return refuse('an update over the size limit');
  const scratch = scratchDoc();
  try {
    const ownClients = new Set(options.ownClients ?? []);
    ownClients.add(scratch.clientID);
    const shape = inspectUpdate(scratch, update, ownClients);
    if (!shape.ok) return shape;
    const applied = applyToScratch(scratch, update);
    if (!applied.ok) return applied;
    const { incomplete } = applied;
    try {
      // Yjs's own encoding of the checked state, before the probe writes into it; only
      // needed when part of the update could not apply.
      const kept = incomplete ? Y.encodeStateAsUpdate(scratch) : update;
      const { structs } = incomplete ? Y.decodeUpdate(kept) : shape.value.decoded;
      for (const rule of options.rules ?? []) {
        const refusal = rule.refusal(scratch);
        if (refusal !== null) return { ok: false, reason: refusal, soft: rule.soft === true };
      }
      const probe = probeLocalEdit(scratch, structs);
      if (probe !== null) return refuse(probe);
      return { ok: true, update: kept, incomplete };
    } catch (error) {
      return refuse(`an update that leaves a document Yjs cannot encode (${describe(error)})`);
    }
  } finally {
    scratch.destroy();
  }
}

function applyThroughScratch(
  ydoc: Y.Doc,
  update: Uint8Array,
  origin: unknown,
  rules: readonly DocumentRule[],
  how: { inspected: DecodedUpdate; rehearsed: boolean },
): GuardResult {
  const liveVector = Y.encodeStateVector(ydoc);
  const scratch = scratchDoc({ gc: ydoc.gc });
  try {
    const liveIsEmpty = liveVector.length === 1 && ydoc.store.clients.size === 0;
    const liveState = Y.decodeStateVector(liveVector);
    if (!liveIsEmpty) Y.applyUpdate(scratch, Y.encodeStateAsUpdate(ydoc));
    // The scratch starts as the live document: its own encoding, fully applied.
    const startsAsLive =
      liveIsEmpty ||
      (scratch.store.pendingStructs === null &&
        scratch.store.pendingDs === null &&
        sameVector(stateOf(scratch), liveState));
    // After loading, so loading this laptop's own structs does not make Yjs pick a new id.
    scratch.clientID = ydoc.clientID;
    const intoScratch = applyToScratch(scratch, update);
    if (!intoScratch.ok) return intoScratch;
    const { incomplete } = intoScratch;
    // The peer's bytes, taken whole by a copy that started as the live document, go into
    // the live document exactly as they went into the scratch: Yjs is deterministic, so
    // the re-encoded difference and its rehearsal (a joining laptop's whole index
    // encoded, decoded and applied once more) would tell nothing new. What could not
    // apply whole, or a copy that did not start as the live document, takes the
    // re-encoded difference, rehearsed.
    const asScratch = startsAsLive && !incomplete && !how.rehearsed;
    let difference: Uint8Array | null = null;
    let expected: Map<number, number>;
    try {
      if (!asScratch) difference = Y.encodeStateAsUpdate(scratch, liveVector);
      // What the update adds is in the inspection's decoding, less what the document
      // held already: encoding and decoding it again would tell the probe nothing new.
      const { structs } =
        difference === null ? newToLive(how.inspected, liveState) : Y.decodeUpdate(difference);
      expected = Y.decodeStateVector(Y.encodeStateVector(scratch));
      // The rules read the state the update leaves, before the probe writes into it.
      for (const rule of rules) {
        const refusal = rule.refusal(scratch);
        if (refusal !== null) return { ok: false, reason: refusal, soft: rule.soft === true };
      }
      const probe = probeLocalEdit(scratch, structs);
      if (probe !== null) return refuse(probe);
    } catch (error) {
      return refuse(`an update that leaves a document Yjs cannot encode (${describe(error)})`);
    }
    const change = difference ?? update;
    // A document the scratch started as, given the same bytes, is the scratch again.
    const rehearsal = difference === null ? null : rehearse(ydoc, change, expected);
    if (rehearsal !== null) return refuse(rehearsal);
    const applied = applyToLive(ydoc, change, origin);
    if (!applied.ok) return applied;
    if (!sameOutcome(stateOf(ydoc), expected, ydoc.clientID)) {
      // The rehearsal, or a scratch that started as the live document, makes this
      // impossible unless the live document differs from its own encoding; nothing can
      // be refused any more, so say so loudly.
      log.error('a checked update gave the live document another state than its scratch copy');
    }
    return {
      ok: true,
      path: 'scratch',
      incomplete,
      change: difference === null ? 'peer bytes' : 'difference',
    };
  } finally {
    scratch.destroy();
  }
}

/**
 * Applies `change` to a second copy of the live document and tells why it must be
 * refused if the copy does not end in the scratch's state (structs Yjs would park or
 * drop there, or that would land elsewhere); null when it matches.
 */
function rehearse(ydoc: Y.Doc, change: Uint8Array, expected: Map<number, number>): string | null {
  const copy = scratchDoc({ gc: ydoc.gc });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
    if (!sameVector(stateOf(copy), stateOf(ydoc))) {
      log.error('a live document differs from its own encoding');
      return 'an update for a document this laptop cannot check now';
    }
    copy.clientID = ydoc.clientID;
    Y.applyUpdate(copy, change);
    const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
    if (pending || !sameVector(stateOf(copy), expected)) {
      return 'an update that would give this document another state than its scratch copy';
    }
    return null;
  } catch (error) {
    return `an update Yjs could not apply (${describe(error)})`;
  } finally {
    copy.destroy();
  }
}

function applyToLive(ydoc: Y.Doc, update: Uint8Array, origin: unknown): Checked<null> {
  try {
    Y.applyUpdate(ydoc, update, origin);
  } catch (error) {
    // Inspection should make this impossible; if it happens, say so loudly.
    log.error('a checked update failed on the live document', { error: describe(error) });
    return refuse(`an update Yjs could not apply (${describe(error)})`);
  }
  if (ydoc.store.pendingStructs !== null || ydoc.store.pendingDs !== null) {
    // Kept, they would be integrated later behind the checks' back: drop them (the
    // caller's next SYNC_STEP_1 brings them again, whole).
    log.error('a checked update left pending structs in the live document');
    ydoc.store.pendingStructs = null;
    ydoc.store.pendingDs = null;
  }
  return { ok: true, value: null };
}

/** The inspected update's structs the live document (state `live`) does not hold yet. */
function newToLive(inspected: DecodedUpdate, live: Map<number, number>): DecodedUpdate {
  if (live.size === 0) return inspected;
  const structs = inspected.structs.filter(
    (struct) => struct.id.clock + struct.length > (live.get(struct.id.client) ?? 0),
  );
  return { structs, ds: inspected.ds };
}

function stateOf(ydoc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(ydoc));
}

/**
 * The live document holds what the scratch holds. Its own client may have written more:
 * listeners react to a peer's change at once (the dangling-text repair), in transactions
 * of their own.
 */
function sameOutcome(
  live: Map<number, number>,
  expected: Map<number, number>,
  own: number,
): boolean {
  for (const [client, clock] of live) {
    const wanted = expected.get(client) ?? 0;
    if (client === own ? clock < wanted : clock !== wanted) return false;
  }
  for (const [client, clock] of expected) if (!live.has(client) && clock > 0) return false;
  return true;
}

function sameVector(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [client, clock] of a) if (b.get(client) !== clock) return false;
  return true;
}

/**
 * Applies a peer's update to a scratch copy. Structs and deletions Yjs would park for
 * want of what they depend on are dropped from the copy: only what applied is checked
 * and kept, and the result says whether anything was left out.
 */
function applyToScratch(
  scratch: Y.Doc,
  update: Uint8Array,
): { ok: true; incomplete: boolean } | { ok: false; reason: string } {
  try {
    Y.applyUpdate(scratch, update);
  } catch (error) {
    return refuse(`an update Yjs could not apply (${describe(error)})`);
  }
  const incomplete = scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null;
  scratch.store.pendingStructs = null;
  scratch.store.pendingDs = null;
  return { ok: true, incomplete };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 80) : 'unknown error';
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
