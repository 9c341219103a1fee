/**
 * What happens to a SYNC_STEP_2 or UPDATE from a peer (PEER_PROTOCOL.md, "Session" 3 and
 * "Checks on updates"): the empty update is nothing; a document the circle's index does
 * not name is a ghost and refused; a new document's bytes are inspected before the
 * document is made; a document this laptop let go (a withdrawn entry) drops the update;
 * everything else goes through ./updateGuard.ts with the rules of its kind of document
 * (./documentRules.ts) and is applied with PEER_ORIGIN.
 */
import type * as Y from 'yjs';
import { scratchDoc } from '../notebook/scratchDoc';
import type { EntryWriting } from '../notebook/bodyWriting';
import type { DocId } from '../notebook/ids';
import { PEER_ORIGIN } from '../notebook/origins';
import { logger } from '../log';
import { documentRules } from './documentRules';
import type { NewDocWriter, SyncedDocs } from './syncedDocs';
import { applyGuardedUpdate, checkNewDocument, type NewDocumentCheck } from './updateGuard';
import { inspectUpdate } from './updateShape';

const log = logger('sync');

/** What a peer's write needs from its session. */
export interface PeerWriteContext {
  docs: SyncedDocs;
  peerId: string;
  /** Client ids this laptop writes `docId` with. */
  ownClients(docId: DocId): Iterable<number>;
  /** The live document, or null when this laptop refuses it. */
  load(docId: DocId): Promise<Y.Doc | null>;
  /** False once the session stopped (nothing more may be applied). */
  isOpen(): boolean;
  /** Who may write `docId`'s body, when it follows the writing rule. */
  writing?(docId: DocId): EntryWriting | null;
}

/** What became of a write: a refusal (a protocol error), or whether it was applied. */
export type PeerWriteResult =
  | { refusal: string }
  | { refusal: null; changed: boolean; incomplete: boolean; refusedByRule?: boolean };

/** Checks and applies a peer's `update` of `docId`, sent as `kind`. */
export async function applyPeerWrite(
  context: PeerWriteContext,
  kind: 'SYNC_STEP_2' | 'UPDATE',
  docId: DocId,
  update: Uint8Array,
): Promise<PeerWriteResult> {
  const nothing = { refusal: null, changed: false, incomplete: false } as const;
  if (update.length === 2 && update[0] === 0 && update[1] === 0) return nothing;
  if (!context.docs.isNamed(docId)) {
    return { refusal: `${kind} for a document the circle's index does not name` };
  }
  if (!context.docs.holds(docId)) {
    // Check the bytes before a new document is made for them.
    const shape = inspectUpdate(scratchDoc(), update, new Set());
    if (!shape.ok) return { refusal: `${kind} for a new document: ${shape.reason}` };
  }
  const ydoc = await context.load(docId);
  if (!context.isOpen()) return nothing;
  if (ydoc === null) {
    // Not the peer's fault: it may not know yet that the entry was withdrawn.
    log.info('an update for a document this laptop let go was dropped', {
      peerId: context.peerId,
      docId,
    });
    return nothing;
  }
  const result = applyGuardedUpdate(ydoc, update, PEER_ORIGIN, {
    ownClients: context.ownClients(docId),
    rules: documentRules(docId, context.writing?.(docId) ?? null),
  });
  if (!result.ok && result.soft === true) {
    log.warn('a change to an entry was refused', {
      peerId: context.peerId,
      docId,
      reason: result.reason,
    });
    return { ...nothing, refusedByRule: true };
  }
  if (!result.ok) return { refusal: `${kind} for ${docId}: ${result.reason}` };
  return { refusal: null, changed: true, incomplete: result.incomplete };
}

/**
 * Checks a peer's whole document for one this laptop holds neither stored nor live, to be
 * written to the store without making it live (`SyncedDocs.newDocs`): the guard's check
 * without a live document (./updateGuard.ts `checkNewDocument`), under the rules of the
 * document's kind. Null when it is not such a document — empty, unnamed, held, or one the
 * writer will not take: the live path then applies it, or refuses it, as before.
 */
export function checkPeerNewDocument(
  context: Pick<PeerWriteContext, 'docs' | 'ownClients' | 'writing'>,
  newDocs: NewDocWriter,
  docId: DocId,
  update: Uint8Array,
): NewDocumentCheck | null {
  if (update.length === 2 && update[0] === 0 && update[1] === 0) return null;
  if (!context.docs.isNamed(docId) || !newDocs.takes(docId)) return null;
  return checkNewDocument(update, {
    ownClients: [...context.ownClients(docId)],
    rules: documentRules(docId, context.writing?.(docId) ?? null),
  });
}

/**
 * What the session does with a new document's check: keep it, refuse it (a protocol
 * error naming the document), or — for a writing rule's refusal, which keeps the peer —
 * null: the live path applies it and says so, as for any document.
 */
export function newDocumentVerdict(
  kind: 'SYNC_STEP_2' | 'UPDATE',
  docId: DocId,
  result: NewDocumentCheck,
): NewDocumentCheck | null {
  if (!result.ok && result.soft === true) return null;
  if (!result.ok) return { ok: false, reason: `${kind} for ${docId}: ${result.reason}` };
  return result;
}
