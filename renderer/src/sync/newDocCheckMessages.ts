/**
 * What the page and its new-document worker (./newDocChecks.worker.ts) say: a request
 * carries one question (its bytes a copy the page hands over), the answer the check's
 * verdict — with bytes only when the check kept other bytes than were sent (part of
 * the update could not apply), since the page keeps its own.
 */
import { answerNewDocument, type NewDocumentQuestion } from '../../../shared/sync/newDocumentCheck';
import type { NewDocumentCheck } from '../../../shared/sync/updateGuard';

/** One check asked of the worker. */
export interface CheckRequest {
  id: number;
  question: NewDocumentQuestion;
}

/** The worker's answer to request `id`. */
export type CheckAnswer =
  | { id: number; ok: true; incomplete: boolean; kept: Uint8Array | null }
  | { id: number; ok: false; reason: string; soft: boolean };

/** Answers one request (what the worker runs), with the buffers to hand back. */
export function answerCheck(request: CheckRequest): {
  answer: CheckAnswer;
  transfer: ArrayBuffer[];
} {
  const { id, question } = request;
  let result: NewDocumentCheck;
  try {
    result = answerNewDocument(question);
  } catch (error) {
    // The check never throws; were it to, the page refuses the document rather than guess.
    result = { ok: false, reason: `a check that failed (${String(error).slice(0, 80)})` };
  }
  if (!result.ok) {
    return {
      answer: { id, ok: false, reason: result.reason, soft: result.soft === true },
      transfer: [],
    };
  }
  const kept = result.update === question.update ? null : result.update;
  return {
    answer: { id, ok: true, incomplete: result.incomplete, kept },
    transfer: kept === null ? [] : [kept.buffer as ArrayBuffer],
  };
}

/** The check's result from an answer, for the question whose bytes are `sent`. */
export function resultOf(answer: CheckAnswer, sent: Uint8Array): NewDocumentCheck {
  if (!answer.ok) {
    return answer.soft
      ? { ok: false, reason: answer.reason, soft: true }
      : { ok: false, reason: answer.reason };
  }
  return { ok: true, incomplete: answer.incomplete, update: answer.kept ?? sent };
}
