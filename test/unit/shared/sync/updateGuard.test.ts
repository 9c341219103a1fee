import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setLogSink } from '../../../../shared/log';
import { PEER_ORIGIN } from '../../../../shared/notebook/origins';
import { ENTRY_BODY_ROOT } from '../../../../shared/notebook/schema';
import type { DocId } from '../../../../shared/notebook/ids';
import { documentRules } from '../../../../shared/sync/documentRules';
import { countStructs } from '../../../../shared/sync/structCount';
import { applyGuardedUpdate, type GuardResult } from '../../../../shared/sync/updateGuard';
import {
  anyItem,
  craftUpdate,
  deletedItem,
  gcStruct,
  skipStruct,
  stringItem,
  subdocItem,
} from '../../../helpers/craftedUpdates';
import { seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const WRITER = 1111;
const PEER = 2222;
const OWN = 3333;

capturedLogs();

/** A document written by WRITER (`Hello world` in paragraph 1:0..1:10), held by OWN. */
function baseState(): Uint8Array {
  const writer = new Y.Doc();
  writer.clientID = WRITER;
  writer.get(ENTRY_BODY_ROOT, Y.XmlText).insert(0, 'Hello world');
  return Y.encodeStateAsUpdate(writer);
}
const BASE = baseState();

function ownDoc(): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, BASE);
  ydoc.clientID = OWN;
  // This laptop has written something too.
  ydoc.get(ENTRY_BODY_ROOT, Y.XmlText).insert(0, '> ');
  return ydoc;
}

function peerEdit(edit: (text: Y.XmlText) => void): Uint8Array {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(ownDoc()));
  peer.clientID = PEER;
  let update: Uint8Array | null = null;
  peer.on('update', (u: Uint8Array) => (update = u));
  edit(peer.get(ENTRY_BODY_ROOT, Y.XmlText));
  return update!;
}

/** Applies through the guard and checks that a refusal left the document untouched. */
function guard(update: Uint8Array, ydoc = ownDoc()): { result: GuardResult; ydoc: Y.Doc } {
  const before = Y.encodeStateAsUpdate(ydoc);
  const result = applyGuardedUpdate(ydoc, update, PEER_ORIGIN);
  if (!result.ok) expect(Y.encodeStateAsUpdate(ydoc)).toEqual(before);
  expect(ydoc.store.pendingStructs).toBeNull();
  expect(ydoc.store.pendingDs).toBeNull();
  expect(ydoc.clientID).toBe(OWN);
  return { result, ydoc };
}

function text(ydoc: Y.Doc): string {
  return ydoc.get(ENTRY_BODY_ROOT, Y.XmlText).toJSON();
}

describe('update guard', () => {
  it('applies a typing update on the fast path', () => {
    const { result, ydoc } = guard(peerEdit((t) => t.insert(7, 'X')));
    expect(result).toEqual({ ok: true, path: 'fast', incomplete: false });
    expect(text(ydoc)).toBe('> HelloX world');
  });

  it('applies a whole-document difference through the scratch copy', () => {
    const other = new Y.Doc();
    other.clientID = PEER;
    other.get(ENTRY_BODY_ROOT, Y.XmlText).insert(0, 'from elsewhere ');
    // A second writer building on the first: one update holding both.
    other.clientID = 4444;
    other.get(ENTRY_BODY_ROOT, Y.XmlText).insert(5, ' again');
    const { result, ydoc } = guard(Y.encodeStateAsUpdate(other));
    expect(result).toMatchObject({ ok: true, path: 'scratch', incomplete: false });
    expect(text(ydoc)).toContain('from  againelsewhere');
  });

  it('refuses a truncated delete set that plain Yjs applies halfway', () => {
    const update = craftUpdate(
      [{ client: PEER, clock: 0, structs: [stringItem({ origin: [WRITER, 4] }, 'X')] }],
      [{ client: WRITER, ranges: [[0, 1]] }],
    );
    const cut = update.slice(0, update.length - 1);
    const plain = ownDoc();
    expect(() => Y.applyUpdate(plain, cut)).toThrow();
    expect(text(plain)).toContain('X'); // the half that Yjs applied anyway
    expect(guard(cut).result).toMatchObject({ ok: false, reason: /cannot decode/ });
  });

  it('refuses an emptied typing update after which plain Yjs loses the next local edit', () => {
    const typing = peerEdit((t) => t.insert(7, 'X'));
    const hex = Buffer.from(typing).toString('hex');
    expect(hex.endsWith('015800')).toBe(true); // ... varString "X", empty delete set
    const emptied = Uint8Array.from(Buffer.from(hex.slice(0, -6) + '0000', 'hex'));
    // What plain Yjs does: accepts it; the next local edit points at an item nobody has.
    const plain = ownDoc();
    Y.applyUpdate(plain, emptied);
    let local: Uint8Array | null = null;
    plain.on('update', (u: Uint8Array) => (local = u));
    plain.get(ENTRY_BODY_ROOT, Y.XmlText).insert(7, 'Z');
    const replica = ownDoc();
    Y.applyUpdate(replica, local!);
    expect(text(replica)).not.toContain('Z');
    expect(replica.store.pendingStructs).not.toBeNull();
    expect(guard(emptied).result).toMatchObject({ ok: false, reason: /length zero/ });
  });

  it('refuses zero-length items that leave plain Yjs unable to encode the document', () => {
    const emptyString = craftUpdate([
      {
        client: PEER,
        clock: 0,
        structs: [stringItem({ origin: [WRITER, 4] }, ''), stringItem({ origin: [PEER, 0] }, 'b')],
      },
    ]);
    const plain = ownDoc();
    expect(() => Y.applyUpdate(plain, emptyString)).toThrow();
    expect(() => Y.encodeStateAsUpdate(plain)).toThrow();
    for (const update of [
      emptyString,
      craftUpdate([{ client: PEER, clock: 0, structs: [anyItem({ root: ENTRY_BODY_ROOT }, [])] }]),
      craftUpdate([
        { client: PEER, clock: 0, structs: [deletedItem({ root: ENTRY_BODY_ROOT }, 0)] },
      ]),
      craftUpdate([{ client: PEER, clock: 0, structs: [gcStruct(0)] }]),
    ]) {
      expect(guard(update).result).toMatchObject({ ok: false, reason: /length zero/ });
    }
  });

  it("refuses structs and deletions written under this laptop's own client id", () => {
    const forged = craftUpdate([
      { client: OWN, clock: 2, structs: [stringItem({ origin: [WRITER, 4] }, 'x')] },
    ]);
    const plain = ownDoc();
    Y.applyUpdate(plain, forged);
    expect(plain.clientID).not.toBe(OWN); // Yjs gives up its own id
    expect(guard(forged).result).toMatchObject({ ok: false, reason: /own client id/ });
    const ydoc = ownDoc();
    const result = applyGuardedUpdate(
      ydoc,
      craftUpdate([{ client: 777, clock: 0, structs: [stringItem({ origin: [WRITER, 4] }, 'x')] }]),
      PEER_ORIGIN,
      { ownClients: [777] },
    );
    expect(result).toMatchObject({ ok: false, reason: /own client id/ });
    expect(guard(craftUpdate([], [{ client: OWN, ranges: [[0, 50]] }])).result).toMatchObject({
      ok: false,
      reason: /unwritten/,
    });
  });

  it('refuses holes, subdocuments, self references, far clocks and mismatched neighbours', () => {
    const cases: [Uint8Array, RegExp][] = [
      [craftUpdate([{ client: PEER, clock: 0, structs: [skipStruct(3)] }]), /hole/],
      [
        craftUpdate([{ client: PEER, clock: 0, structs: [subdocItem({ root: 'x' })] }]),
        /subdocument/,
      ],
      [
        craftUpdate([
          { client: PEER, clock: 0, structs: [stringItem({ origin: [PEER, 0] }, 'a')] },
        ]),
        /refers to itself/,
      ],
      [
        craftUpdate([{ client: PEER, clock: 2 ** 41, structs: [stringItem({ root: 'r' }, 'a')] }]),
        /clock/,
      ],
      [
        craftUpdate([{ client: 2 ** 33, clock: 0, structs: [stringItem({ root: 'r' }, 'a')] }]),
        /32 bits/,
      ],
      [
        craftUpdate([
          { client: PEER, clock: 0, structs: [stringItem({ origin: [WRITER, 2] }, 'a')] },
          { client: PEER, clock: 1, structs: [stringItem({ origin: [PEER, 0] }, 'b')] },
        ]),
        /twice/,
      ],
      [
        craftUpdate([
          { client: PEER, clock: 0, structs: [stringItem({ origin: [WRITER, 2] }, 'a')] },
          { client: PEER, clock: 1, structs: [] },
        ]),
        /twice/,
      ],
      [
        craftUpdate([
          {
            client: PEER,
            clock: 0,
            structs: [
              stringItem({ root: 'elsewhere' }, 'b'),
              stringItem({ origin: [WRITER, 2], right: [PEER, 0] }, 'a'),
            ],
          },
        ]),
        /different places/,
      ],
    ];
    for (const [update, reason] of cases) {
      expect(guard(update).result).toMatchObject({ ok: false, reason });
    }
  });

  it('applies what it can of an update that overtook its dependencies, leaving nothing pending', () => {
    const update = craftUpdate([
      { client: PEER, clock: 0, structs: [stringItem({ origin: [WRITER, 4] }, 'ok')] },
      { client: 4444, clock: 0, structs: [stringItem({ origin: [5555, 9] }, 'later')] },
    ]);
    const { result, ydoc } = guard(update);
    expect(result).toMatchObject({ ok: true, incomplete: true });
    expect(text(ydoc)).toContain('ok');
    expect(text(ydoc)).not.toContain('later');
    const cycle = craftUpdate([
      { client: PEER, clock: 0, structs: [stringItem({ origin: [4444, 0] }, 'a')] },
      { client: 4444, clock: 0, structs: [stringItem({ origin: [PEER, 0] }, 'b')] },
    ]);
    expect(guard(cycle).result).toMatchObject({ ok: true, incomplete: true });
  });

  it('counts the structs of an update as Yjs decodes them, without building them', () => {
    const ydoc = new Y.Doc();
    const text = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
    text.insert(0, 'Hello', { bold: true });
    const paragraph = new Y.XmlText();
    text.insertEmbed(2, paragraph);
    paragraph.setAttribute('__type', 'paragraph');
    paragraph.insert(0, 'inner');
    text.insertEmbed(1, { image: 'x' });
    ydoc.getArray('a').insert(0, [1, 'two', { three: [3] }, new Uint8Array([4])]);
    ydoc.getMap('m').set('xml', new Y.XmlElement('p'));
    ydoc.getMap('m').set('hook', new Y.XmlHook('h'));
    ydoc.getText('t').insert(0, 'abc');
    ydoc.getText('t').delete(1, 1);
    const state = Y.encodeStateAsUpdate(ydoc);
    const updates = [state, BASE, peerEdit((t) => t.insert(3, 'x'))];
    for (const update of updates) {
      expect(countStructs(update, 1000)).toBe(Y.decodeUpdate(update).structs.length);
    }
    expect(countStructs(state, 2)).toBe(3);
  });

  it('skips every kind of value a list or embed holds without decoding it, as Yjs reads them', () => {
    const values = [
      undefined,
      null,
      -12345678901,
      1.5,
      Math.PI,
      10n,
      true,
      false,
      'ünïcödé ✓',
      { nested: { deeper: [1, 'two', { three: null }] }, bytes: new Uint8Array([1, 2]) },
      [[[]]],
      new Uint8Array(300),
    ];
    const update = craftUpdate([
      {
        client: PEER,
        clock: 0,
        structs: [anyItem({ root: 'a' }, values), anyItem({ root: 'b' }, ['after'])],
      },
    ]);
    expect(countStructs(update, 1000)).toBe(Y.decodeUpdate(update).structs.length);
    // Cut anywhere inside the values, or given an unknown type byte: unreadable, as for Yjs.
    for (let end = 8; end < update.length - 12; end += 7) {
      const cut = update.slice(0, end);
      let decodes = true;
      try {
        Y.decodeUpdate(cut);
      } catch {
        decodes = false;
      }
      if (!decodes) expect(countStructs(cut, 1000)).toBeNull();
    }
    // An item of no values, then the delete set's 0: one value of type 100 instead.
    const none = craftUpdate([{ client: PEER, clock: 0, structs: [anyItem({ root: 'a' }, [])] }]);
    expect(none.slice(-2)).toEqual(new Uint8Array([0, 0]));
    const withBadValue = new Uint8Array([...none.slice(0, -2), 1, 100, 0]);
    expect(() => Y.decodeUpdate(withBadValue)).toThrow();
    expect(countStructs(withBadValue, 1000)).toBeNull();
  });

  it('refuses an update of over a million structs before Yjs builds them', () => {
    const many = craftUpdate([
      { client: PEER, clock: 0, structs: Array.from({ length: 1_000_001 }, () => gcStruct(1)) },
    ]);
    // How long the refusal takes is measured by `npm run bench -- --checks`.
    expect(guard(many).result).toMatchObject({ ok: false, reason: /more than 1000000 structs/ });
  });

  it('gives the same verdict and state on the fast path as on the scratch copy, and counts structs as Yjs does', () => {
    const random = seededRandom(31);
    const corpus = [
      peerEdit((t) => t.insert(3, 'abc')),
      peerEdit((t) => t.insert(9, 'b', { bold: true })),
      peerEdit((t) => t.delete(2, 3)),
      peerEdit((t) => {
        const paragraph = new Y.XmlText();
        t.insertEmbed(4, paragraph);
        paragraph.setAttribute('__type', 'paragraph');
        paragraph.insert(0, 'new');
      }),
    ];
    let fast = 0;
    for (let i = 0; i < 1500; i++) {
      const mutated = Uint8Array.from(random.pick(corpus));
      for (let flips = random.int(1, 2); flips > 0; flips--) {
        mutated[random.int(0, mutated.length - 1)]! ^= 1 << random.int(0, 7);
      }
      let decoded: number | null = null;
      try {
        decoded = Y.decodeUpdate(mutated).structs.length;
      } catch {
        // Undecodable: nothing to compare the count with.
      }
      if (decoded !== null) expect(countStructs(mutated, 1_000_000)).toBe(decoded);
      const viaAuto = ownDoc();
      const viaScratch = ownDoc();
      const auto = applyGuardedUpdate(viaAuto, mutated, PEER_ORIGIN);
      const scratch = applyGuardedUpdate(viaScratch, mutated, PEER_ORIGIN, { path: 'scratch' });
      if (auto.ok && auto.path === 'fast') fast++;
      expect(auto.ok, `verdicts differ on ${Buffer.from(mutated).toString('hex')}`).toBe(
        scratch.ok,
      );
      expect(Y.encodeStateVector(viaAuto)).toEqual(Y.encodeStateVector(viaScratch));
      expect(text(viaAuto)).toBe(text(viaScratch));
    }
    expect(fast).toBeGreaterThan(100);
  });
});

describe("update guard: the peer's bytes or Yjs's difference", () => {
  /** A peer's whole state after edits of its own: what a SYNC_STEP_2 or a join brings. */
  function peerState(edit: (text: Y.XmlText, ydoc: Y.Doc) => void): Uint8Array {
    const peer = new Y.Doc();
    Y.applyUpdate(peer, BASE);
    peer.clientID = PEER;
    edit(peer.get(ENTRY_BODY_ROOT, Y.XmlText), peer);
    return Y.encodeStateAsUpdate(peer);
  }

  it("applies the peer's bytes when a copy of the live document took them whole", () => {
    const update = peerState((t) => t.insert(0, 'elsewhere '));
    const { result, ydoc } = guard(update);
    expect(result).toMatchObject({ ok: true, path: 'scratch', change: 'peer bytes' });
    const rehearsed = ownDoc();
    expect(applyGuardedUpdate(rehearsed, update, PEER_ORIGIN, { path: 'rehearsed' })).toMatchObject(
      { ok: true, change: 'difference' },
    );
    expect(Y.encodeStateAsUpdate(ydoc)).toEqual(Y.encodeStateAsUpdate(rehearsed));
  });

  it('applies the difference, rehearsed, when part of the update could not apply', () => {
    const peer = new Y.Doc();
    Y.applyUpdate(peer, BASE);
    peer.clientID = PEER;
    const text = peer.get(ENTRY_BODY_ROOT, Y.XmlText);
    text.insert(0, 'first ');
    const before = Y.encodeStateVector(peer);
    text.insert(0, 'second ');
    // Only the second edit: its first struct needs the first, which this laptop lacks.
    const gap = Y.encodeStateAsUpdate(peer, before);
    const { result } = guard(Y.mergeUpdates([gap, peerState((t) => t.delete(0, 2))]));
    expect(result).toMatchObject({ ok: true, incomplete: true, change: 'difference' });
  });

  it('gives the same verdict, reason and state either way, on mutated updates and under the rules', () => {
    const random = seededRandom(47);
    const rules = documentRules('EEEEEEEEEEEEEEEEEEEEEE' as DocId);
    const corpus = [
      peerState((t) => t.insert(0, 'elsewhere ')),
      peerState((t) => t.delete(1, 4)),
      peerState((t) => t.format(0, 5, { bold: true })),
      peerState((t, peer) => {
        const paragraph = new Y.XmlText();
        t.insertEmbed(2, paragraph);
        paragraph.setAttribute('__type', 'paragraph');
        paragraph.insert(0, 'new');
        peer.getMap('m').set('k', 'v');
      }),
      Y.mergeUpdates([peerEdit((t) => t.insert(3, 'abc')), peerState((t) => t.insert(9, 'z'))]),
    ];
    const seen = { 'peer bytes': 0, difference: 0, refused: 0 };
    for (let i = 0; i < 1200; i++) {
      const mutated = Uint8Array.from(random.pick(corpus));
      for (let flips = random.int(0, 2); flips > 0; flips--) {
        mutated[random.int(0, mutated.length - 1)]! ^= 1 << random.int(0, 7);
      }
      const withRules = i % 3 === 0 ? { rules } : {};
      const direct = ownDoc();
      const rehearsed = ownDoc();
      const before = Y.encodeStateAsUpdate(direct);
      const a = applyGuardedUpdate(direct, mutated, PEER_ORIGIN, { ...withRules, path: 'scratch' });
      const b = applyGuardedUpdate(rehearsed, mutated, PEER_ORIGIN, {
        ...withRules,
        path: 'rehearsed',
      });
      const hex = Buffer.from(mutated).toString('hex');
      if (a.ok) seen[a.change!]++;
      else seen.refused++;
      if (!a.ok) {
        // The direct way refuses whatever the rehearsed way refuses, for the same reason.
        expect(b, `verdicts differ on ${hex}`).toEqual(a);
        expect(Y.encodeStateAsUpdate(direct)).toEqual(before);
      } else {
        expect(b.ok, `verdicts differ on ${hex}`).toBe(true);
        // The rehearsed way refuses only what its re-encoding could not give back whole.
      }
      expect(Y.encodeStateVector(direct)).toEqual(Y.encodeStateVector(rehearsed));
      expect(text(direct)).toBe(text(rehearsed));
      expect(direct.store.pendingStructs).toBeNull();
    }
    expect(seen['peer bytes']).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });
});

describe('update guard and the live document', () => {
  it("tells a listener's own repair from a live state other than the scratch copy's", () => {
    const logged: string[] = [];
    const restore = setLogSink((record) => logged.push(record.message));
    try {
      const ydoc = ownDoc();
      // As the circle session's dangling-text repair does: a change of its own, at once.
      ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.origin === PEER_ORIGIN) ydoc.getMap('repairs').set('n', 1);
      });
      const update = peerEdit((t) => t.insert(7, 'X'));
      const result = applyGuardedUpdate(ydoc, update, PEER_ORIGIN, { path: 'scratch' });
      expect(result).toMatchObject({ ok: true, path: 'scratch' });
      expect(text(ydoc)).toContain('X');
      expect(logged.filter((message) => message.includes('scratch'))).toEqual([]);
    } finally {
      restore();
    }
  });

  it('refuses an update that would leave an entry body the editor cannot show, on either path', () => {
    const rules = documentRules('EEEEEEEEEEEEEEEEEEEEEE' as DocId);
    const hidden = peerEdit((t) => {
      const paragraph = new Y.XmlText();
      t.insertEmbed(0, paragraph);
      paragraph.insert(0, 'hidden words');
    });
    const ydoc = ownDoc();
    const before = Y.encodeStateAsUpdate(ydoc);
    // (This file's base document keeps its words in the root, which no editor shows either.)
    expect(applyGuardedUpdate(ydoc, hidden, PEER_ORIGIN, { rules })).toMatchObject({
      ok: false,
      reason: /paragraph/,
    });
    expect(Y.encodeStateAsUpdate(ydoc)).toEqual(before);
  });
});
