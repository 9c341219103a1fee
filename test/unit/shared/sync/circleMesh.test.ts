import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INDEX_DOC_ID, entryDocId, type DocId } from '../../../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../../../shared/notebook/origins';
import { MAX_FRAME_BYTES } from '../../../../shared/sync/peerProtocol';
import {
  appendParagraph,
  docOf,
  entryText,
  foundCircle,
  makeLaptop,
  typeInto,
  writeEntry,
  type Laptop,
} from '../../../helpers/circleLaptops';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const logged = capturedLogs();

function sameNotebook(a: Laptop, b: Laptop): void {
  expect(b.docs.docIds()).toEqual(a.docs.docIds());
  expect(b.docs.contents()).toEqual(a.docs.contents());
}

function join(
  net: LoopbackTransport,
  a: Laptop,
  b: Laptop,
): ReturnType<LoopbackTransport['connect']> {
  return net.connect({ peerId: a.peerId, mesh: a.mesh }, { peerId: b.peerId, mesh: b.mesh });
}

function fullMesh(net: LoopbackTransport, laptops: Laptop[]): void {
  for (let i = 0; i < laptops.length; i++) {
    for (let j = i + 1; j < laptops.length; j++) join(net, laptops[i]!, laptops[j]!);
  }
}

describe('circle mesh', () => {
  it('two laptops converge on a circle of many documents, including ones only one side had', async () => {
    const random = seededRandom(11);
    const a = makeLaptop(random);
    const b = makeLaptop(random);
    foundCircle(a, random);
    const onlyA = Array.from({ length: 30 }, (_, i) =>
      writeEntry(a, random, [`entry ${i} from A`]),
    );
    // B holds the index from an earlier meeting, plus entries A never saw, one only stored.
    Y.applyUpdate(docOf(b, INDEX_DOC_ID), Y.encodeStateAsUpdate(docOf(a, INDEX_DOC_ID)));
    const onlyB = Array.from({ length: 20 }, (_, i) =>
      writeEntry(b, random, [`entry ${i} from B`]),
    );
    const stored = new Y.Doc();
    appendParagraph(stored, 'kept on disk');
    const storedId = entryDocId(onlyB[0]!);
    b.docs.store('SSSSSSSSSSSSSSSSSSSSSS' as DocId, Y.encodeStateAsUpdate(stored));
    const net = new LoopbackTransport();
    join(net, a, b);
    expect(a.mesh.peers()).toMatchObject([{ peerId: b.peerId, memberId: null, inStep: false }]);
    await net.settle();
    // A document B keeps that the index does not name (a ghost) is never served.
    expect(a.docs.docIds()).not.toContain('SSSSSSSSSSSSSSSSSSSSSS');
    expect(b.docs.docIds()).toHaveLength(52);
    b.docs.forget('SSSSSSSSSSSSSSSSSSSSSS' as DocId);
    sameNotebook(a, b);
    expect(entryText(docOf(b, entryDocId(onlyA[7]!)))).toBe('entry 7 from A');
    expect(entryText(docOf(a, storedId))).toBe('entry 0 from B');
    expect(a.mesh.peers()).toMatchObject([
      { peerId: b.peerId, memberId: b.memberId, inStep: true },
    ]);
    expect(b.mesh.peers()).toMatchObject([
      { peerId: a.peerId, memberId: a.memberId, inStep: true },
    ]);
    expect(net.largestFrame()).toBeLessThanOrEqual(MAX_FRAME_BYTES);
  });

  it('three laptops that each wrote apart all hold the same notebook after meeting', async () => {
    const random = seededRandom(13);
    const laptops = [makeLaptop(random), makeLaptop(random), makeLaptop(random)];
    foundCircle(laptops[0]!, random);
    for (const laptop of laptops.slice(1)) {
      Y.applyUpdate(
        docOf(laptop, INDEX_DOC_ID),
        Y.encodeStateAsUpdate(docOf(laptops[0]!, INDEX_DOC_ID)),
      );
    }
    for (const laptop of laptops) {
      for (let i = 0; i < 17; i++) writeEntry(laptop, random, [`${laptop.peerId} ${i}`, 'second']);
    }
    const net = new LoopbackTransport();
    fullMesh(net, laptops);
    await net.settle();
    sameNotebook(laptops[0]!, laptops[1]!);
    sameNotebook(laptops[0]!, laptops[2]!);
    expect(laptops[2]!.docs.docIds()).toHaveLength(52);
  });

  it('edits made offline on both sides merge when the laptops meet again', async () => {
    const random = seededRandom(12);
    const a = makeLaptop(random);
    const b = makeLaptop(random);
    foundCircle(a, random);
    const entry = entryDocId(writeEntry(a, random, ['shared start']));
    const net = new LoopbackTransport();
    const link = join(net, a, b);
    await net.settle();
    link.cut();
    expect(a.mesh.peers()).toEqual([]);
    typeInto(docOf(a, entry), 'A wrote this. ');
    typeInto(docOf(b, entry), 'B wrote that. ', 5);
    writeEntry(b, random, ['a new entry written offline']);
    expect(entryText(docOf(a, entry))).not.toBe(entryText(docOf(b, entry)));
    join(net, a, b);
    await net.settle();
    sameNotebook(a, b);
    expect(entryText(docOf(a, entry))).toContain('A wrote this.');
    expect(entryText(docOf(a, entry))).toContain('B wrote that.');
  });

  it('sends a document of more than 2 MB of text to a new laptop in frames of at most 64 KiB', async () => {
    const random = seededRandom(14);
    const a = makeLaptop(random);
    const b = makeLaptop(random);
    foundCircle(a, random);
    const entry = entryDocId(writeEntry(a, random, []));
    const ydoc = docOf(a, entry);
    const paragraph = 'We sat in a circle and each of us said one true thing about the week. ';
    ydoc.transact(() => {
      for (let i = 0; i < 400; i++) appendParagraph(ydoc, `${i}: ${paragraph.repeat(75)}`);
    }, LOCAL_ORIGIN);
    const text = entryText(ydoc);
    expect(text.length).toBeGreaterThan(2_000_000);
    const net = new LoopbackTransport();
    join(net, a, b);
    const started = performance.now();
    await net.settle();
    const elapsed = performance.now() - started;
    expect(entryText(docOf(b, entry))).toBe(text);
    expect(net.largestFrame()).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    const bytes = net.sent.reduce((sum, frame) => sum + frame.bytes, 0);
    console.log(
      `2 MB entry: ${text.length} characters in ${net.sent.length} frames (${bytes} bytes, ` +
        `largest ${net.largestFrame()}), synced in ${elapsed.toFixed(0)} ms`,
    );
  });

  it.each([2, 4, 8])(
    'one local update in a mesh of %i laptops costs n-1 UPDATE messages and is never re-sent',
    async (n) => {
      const random = seededRandom(100 + n);
      const laptops = Array.from({ length: n }, () => makeLaptop(random));
      foundCircle(laptops[0]!, random);
      const entry = entryDocId(writeEntry(laptops[0]!, random, ['start']));
      const net = new LoopbackTransport();
      fullMesh(net, laptops);
      await net.settle();
      const before = laptops.map((laptop) => laptop.mesh.counters().messagesSent.UPDATE);
      const framesBefore = net.sent.length;
      typeInto(docOf(laptops[1]!, entry), 'k');
      await net.settle();
      const sent = laptops.map(
        (laptop, i) => laptop.mesh.counters().messagesSent.UPDATE - before[i]!,
      );
      expect(sent.reduce((sum, count) => sum + count, 0)).toBe(n - 1);
      expect(sent[1]).toBe(n - 1);
      expect(net.sent.length - framesBefore).toBe(n - 1);
      for (const laptop of laptops) expect(entryText(docOf(laptop, entry))).toBe('kstart');
      console.log(
        `fan-out, ${n} laptops: ${n - 1} UPDATE sends per keystroke (stock y-webrtc: ${n * (n - 1)})`,
      );
    },
  );

  it('sends local awareness once to each peer and hands remote awareness to the documents', async () => {
    const random = seededRandom(15);
    const laptops = [makeLaptop(random), makeLaptop(random), makeLaptop(random)];
    const net = new LoopbackTransport();
    fullMesh(net, laptops);
    await net.settle();
    const state = new TextEncoder().encode('{"member":{"name":"Ana"}}');
    laptops[0]!.docs.emitLocalAwareness(
      INDEX_DOC_ID,
      Uint8Array.of(1, 9, 1, state.length, ...state),
    );
    await net.settle();
    expect(laptops[0]!.mesh.counters().messagesSent.AWARENESS).toBe(2);
    for (const laptop of laptops.slice(1)) {
      expect(laptop.docs.remoteAwareness).toEqual([
        {
          docId: INDEX_DOC_ID,
          update: expect.any(Uint8Array) as Uint8Array,
          peerId: laptops[0]!.peerId,
        },
      ]);
    }
  });

  it('heals a gap with anti-entropy, without re-broadcasting anything', async () => {
    const random = seededRandom(16);
    const a = makeLaptop(random);
    const b = makeLaptop(random);
    foundCircle(a, random);
    const entry = entryDocId(writeEntry(a, random, ['one']));
    const net = new LoopbackTransport();
    join(net, a, b);
    await net.settle();
    // An update lost in transit: made while the frame queue was dropped.
    net.sent.length = 0;
    typeInto(docOf(a, entry), 'lost ');
    (net as unknown as { directions: Set<{ queue: Uint8Array[] }> }).directions.forEach(
      (d) => (d.queue.length = 0),
    );
    await net.settle();
    expect(entryText(docOf(b, entry))).toBe('one');
    const updatesBefore = b.mesh.counters().messagesSent.UPDATE;
    b.mesh.antiEntropy();
    a.mesh.antiEntropy();
    await net.settle();
    expect(entryText(docOf(b, entry))).toBe('lost one');
    expect(b.mesh.counters().messagesSent.UPDATE).toBe(updatesBefore);
  });

  it('asks one in-step peer a tick, each peer in turn, and still heals a gap', async () => {
    const random = seededRandom(19);
    const laptops = [makeLaptop(random), makeLaptop(random), makeLaptop(random)];
    const [a, b, c] = laptops as [Laptop, Laptop, Laptop];
    foundCircle(a, random);
    const entry = entryDocId(writeEntry(a, random, ['one']));
    const net = new LoopbackTransport();
    fullMesh(net, laptops);
    await net.settle();
    const asked = (): number[] =>
      [a, c].map((peer) => b.mesh.session(peer.peerId)!.counters.messagesSent.SYNC_STEP_1);
    const before = asked();
    b.mesh.antiEntropy();
    await net.settle();
    const first = asked();
    b.mesh.antiEntropy();
    await net.settle();
    const second = asked();
    // One peer asked per tick; the other one the next tick.
    expect(first.filter((count, i) => count > before[i]!)).toHaveLength(1);
    expect(second.filter((count, i) => count > first[i]!)).toHaveLength(1);
    expect(second.every((count, i) => count > before[i]!)).toBe(true);

    // An update lost on its way to B is filled by whichever peer B asks: C has it too.
    typeInto(docOf(a, entry), 'lost ');
    const toB = [...(net as unknown as { directions: Set<{ queue: Uint8Array[] }> }).directions];
    toB.forEach((d) => (d.queue.length = 0));
    await net.settle();
    Y.applyUpdate(docOf(c, entry), Y.encodeStateAsUpdate(docOf(a, entry)));
    b.mesh.antiEntropy();
    await net.settle();
    expect(entryText(docOf(b, entry))).toBe('lost one');
  });

  it('runs anti-entropy on its own timer', async () => {
    const random = seededRandom(17);
    const a = makeLaptop(random, { antiEntropyMs: 20 });
    const b = makeLaptop(random);
    docOf(a, INDEX_DOC_ID).getMap('meta').set('name', 'x');
    const net = new LoopbackTransport();
    join(net, a, b);
    await net.settle();
    const before = a.mesh.counters().messagesSent.SYNC_STEP_1;
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(a.mesh.counters().messagesSent.SYNC_STEP_1).toBeGreaterThan(before);
    a.mesh.close();
    b.mesh.close();
  });

  it('drops a peer that breaks the protocol, closes its channel and tells the status listeners', async () => {
    const random = seededRandom(18);
    const a = makeLaptop(random);
    const b = makeLaptop(random);
    const net = new LoopbackTransport();
    const link = join(net, a, b);
    await net.settle();
    let changes = 0;
    a.mesh.onChange(() => changes++);
    a.mesh.session(b.peerId)!.receive(Uint8Array.of(1, 77));
    expect(link.open).toBe(false);
    expect(a.mesh.peers()).toEqual([]);
    expect(b.mesh.peers()).toEqual([]);
    expect(changes).toBeGreaterThan(0);
    expect(
      logged.some((r) => r.level === 'warn' && /broke the sync protocol/.test(r.message)),
    ).toBe(true);
  });
});
