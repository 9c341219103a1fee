/**
 * New documents checked in the page's worker (renderer/src/sync/newDocChecks.ts): the
 * worker's answers carry the very verdict the session would reach itself, and a page
 * whose worker fails says so once and leaves the checks to the session.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { setLogSink, type LogRecord } from '../../../../shared/log';
import type { DocId } from '../../../../shared/notebook/ids';
import { answerNewDocument } from '../../../../shared/sync/newDocumentCheck';
import { NewDocChecks } from '../../../../renderer/src/sync/newDocChecks';
import {
  answerCheck,
  resultOf,
  type CheckAnswer,
  type CheckRequest,
} from '../../../../renderer/src/sync/newDocCheckMessages';
import { appendParagraph } from '../../../helpers/circleLaptops';

const ENTRY = 'entryAAAAAAAAAAAAAAAAA' as DocId;

function body(text: string): Uint8Array {
  const ydoc = new Y.Doc();
  appendParagraph(ydoc, text);
  return Y.encodeStateAsUpdate(ydoc);
}

/** A Worker that answers in memory, as the real one would, or fails when told. */
class MemoryWorker {
  onmessage: ((event: MessageEvent<CheckAnswer>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  static failing = false;
  static started = 0;
  constructor() {
    MemoryWorker.started++;
  }
  postMessage(request: CheckRequest): void {
    setTimeout(() => {
      if (MemoryWorker.failing) {
        this.onerror?.({ message: 'boom', preventDefault: () => undefined } as ErrorEvent);
        return;
      }
      this.onmessage?.({ data: answerCheck(request).answer } as MessageEvent<CheckAnswer>);
    }, 0);
  }
  terminate(): void {}
}

afterEach(() => {
  vi.unstubAllGlobals();
  MemoryWorker.failing = false;
  MemoryWorker.started = 0;
});

describe("new documents checked in the page's worker", () => {
  it('answers as the session would: kept bytes for a whole body, a reason for a broken one', () => {
    const good = { docId: ENTRY, update: body('we met'), ownClients: [], writing: null };
    const broken = { ...good, update: Uint8Array.of(3, 200, 1, 7, 7, 7) };
    for (const question of [good, broken]) {
      const { answer } = answerCheck({ id: 1, question });
      expect(resultOf(answer, question.update)).toEqual(answerNewDocument(question));
    }
    expect(answerCheck({ id: 1, question: good }).answer).toEqual({
      id: 1,
      ok: true,
      incomplete: false,
      kept: null,
    });
  });

  it('checks in one worker, and once it fails says so once and leaves the checks to the session', async () => {
    const logged: LogRecord[] = [];
    const restore = setLogSink((record) => logged.push(record));
    vi.stubGlobal('Worker', MemoryWorker);
    const checks = new NewDocChecks();
    const question = { docId: ENTRY, update: body('kept'), ownClients: [], writing: null };
    const results = await Promise.all([checks.check(question), checks.check(question)]);
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(results[0].ok && results[0].update).toBe(question.update);
    expect(MemoryWorker.started).toBe(1);
    MemoryWorker.failing = true;
    await expect(checks.check(question)).rejects.toThrow();
    await expect(checks.check(question)).rejects.toThrow();
    expect(checks.available).toBe(false);
    expect(logged.filter((record) => record.message.includes('worker failed'))).toHaveLength(1);
    restore();
  });
});
