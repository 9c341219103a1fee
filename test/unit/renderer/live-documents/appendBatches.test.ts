import { describe, expect, it, vi } from 'vitest';
import type { DocAppend, HearthApi } from '../../../../shared/ipc/contract';
import type { CircleId, DocId } from '../../../../shared/notebook/ids';
import { AppendBatches } from '../../../../renderer/src/live-documents/appendBatches';

const CIRCLE = 'CCCCCCCCCCCCCCCCCCCCCC' as CircleId;
const doc = (n: number): DocId => String(n).padStart(22, 'D') as DocId;

function fakeApi(fail = false) {
  const singles: DocId[] = [];
  const batches: DocAppend[][] = [];
  const settle = (): Promise<void> =>
    fail ? Promise.reject(new Error('disk full')) : Promise.resolve();
  const api = {
    docs: {
      append: (_circle: CircleId, docId: DocId) => {
        singles.push(docId);
        return settle();
      },
      appendMany: (_circle: CircleId, appends: DocAppend[]) => {
        batches.push(appends);
        return settle();
      },
    },
  } as unknown as HearthApi;
  return { api, singles, batches };
}

describe('append batches', () => {
  it('sends one keystroke as one append, and a turn of many documents as one request', async () => {
    vi.useFakeTimers();
    try {
      const { api, singles, batches } = fakeApi();
      const store = new AppendBatches(api, CIRCLE);
      const one = store.append(doc(0), Uint8Array.of(1));
      await vi.runAllTimersAsync();
      await one;
      expect(singles).toEqual([doc(0)]);
      const many = Array.from({ length: 300 }, (_, i) => store.append(doc(i), Uint8Array.of(i)));
      await vi.runAllTimersAsync();
      await Promise.all(many);
      expect(batches.map((batch) => batch.length)).toEqual([256, 44]);
      expect(batches[0]![3]).toEqual({ docId: doc(3), update: Uint8Array.of(3) });
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails every update of a request the store refused, so each is retried', async () => {
    const { api } = fakeApi(true);
    const store = new AppendBatches(api, CIRCLE);
    const results = await Promise.allSettled([
      store.append(doc(1), Uint8Array.of(1)),
      store.append(doc(2), Uint8Array.of(2)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
