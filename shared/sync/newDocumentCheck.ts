/**
 * A question about a peer's whole document for one this laptop does not hold, and its
 * answer: the guard's check without a live document (./updateGuard.ts
 * `checkNewDocument`) under the rules of the document's kind (./documentRules.ts). The
 * question is plain data, so a worker could answer it; measured, one did not make a join
 * faster (each batch's checks are awaited in turn), so the session answers it itself.
 */
import type { EntryWriting } from '../notebook/bodyWriting';
import type { DocId } from '../notebook/ids';
import { documentRules } from './documentRules';
import { checkNewDocument, type NewDocumentCheck } from './updateGuard';

/** Everything the check of one new document needs. */
export interface NewDocumentQuestion {
  docId: DocId;
  update: Uint8Array;
  /** Client ids this laptop writes the document with (no peer may write under them). */
  ownClients: number[];
  /** Who may write the body, when it follows the writing rule. */
  writing: EntryWriting | null;
}

/** Checks one new document (on whichever thread asks). */
export function answerNewDocument(question: NewDocumentQuestion): NewDocumentCheck {
  return checkNewDocument(question.update, {
    ownClients: question.ownClients,
    rules: documentRules(question.docId, question.writing),
  });
}
