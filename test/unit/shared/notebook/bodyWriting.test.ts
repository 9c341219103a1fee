import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type LogRecord } from '../../../../shared/log';
import { EVERYONE, keptState, mayWriteNow } from '../../../../shared/notebook/bodyWriting';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { INDEX_DOC_ID, entryDocId, type EntryId } from '../../../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../../../shared/notebook/origins';
import { REFUSED_WORDS_REASON } from '../../../../shared/notebook/refusedWords';
import {
  appendParagraph,
  docOf,
  entryText,
  foundCircle,
  makeLaptop,
  type Laptop,
} from '../../../helpers/circleLaptops';
import { seededId } from '../../../helpers/circleReplicas';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { seededRandom, type SeededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const logged = capturedLogs();

const BEN_WORDS = 'Ben slipped these words into it';

interface Circle {
  net: LoopbackTransport;
  ana: Laptop;
  ben: Laptop;
  cat: Laptop;
  indexOf(laptop: Laptop): CircleIndex;
  entryId: EntryId;
  body(laptop: Laptop): Y.Doc;
}

/** Ana, Ben and Cat in one circle over the real mesh and guard; Ana wrote an entry. */
async function threeLaptops(random: SeededRandom): Promise<Circle> {
  const net = new LoopbackTransport();
  const ana = makeLaptop(random);
  const ben = makeLaptop(random);
  const cat = makeLaptop(random);
  const anaIndex = foundCircle(ana, random);
  const indexes = new Map<Laptop, CircleIndex>([[ana, anaIndex]]);
  for (const [laptop, name] of [
    [ben, 'Ben'],
    [cat, 'Cat'],
  ] as const) {
    const index = new CircleIndex(docOf(laptop, INDEX_DOC_ID));
    index.registerClient(laptop.memberId);
    index.upsertMember({
      id: laptop.memberId,
      name,
      colour: 'moss',
      joinedAt: 2,
      agreedAt: null,
      agreedVersion: null,
    });
    indexes.set(laptop, index);
  }
  const meetingId = anaIndex.addMeeting(
    { title: 'Tuesday', date: '2026-12-01', prompts: [], createdBy: ana.memberId },
    1,
  );
  const entryId = seededId<EntryId>(random);
  const anaBody = docOf(ana, entryDocId(entryId));
  anaIndex.addEntry(
    { meetingId, authorId: ana.memberId, visibility: 'circle', bodyClient: anaBody.clientID },
    2,
    entryId,
  );
  appendParagraph(anaBody, 'Ana writes about her week.');
  for (const [x, y] of [
    [ana, ben],
    [ana, cat],
    [ben, cat],
  ] as const) {
    net.connect({ peerId: x.peerId, mesh: x.mesh }, { peerId: y.peerId, mesh: y.mesh });
  }
  await net.settle();
  return {
    net,
    ana,
    ben,
    cat,
    entryId,
    indexOf: (laptop) => indexes.get(laptop)!,
    body: (laptop) => docOf(laptop, entryDocId(entryId)),
  };
}

/** A raw update of `body` written under `client`, as a key holder's own tools could. */
function rawParagraph(body: Y.Doc, client: number, text: string): Uint8Array {
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(body));
  scratch.clientID = client;
  const before = Y.encodeStateVector(scratch);
  appendParagraph(scratch, text);
  return Y.encodeStateAsUpdate(scratch, before);
}

function refusals(): LogRecord[] {
  return logged.filter((line) => line.detail?.reason === REFUSED_WORDS_REASON);
}

function expectNoWordsLogged(words: string): void {
  for (const line of logged) expect(JSON.stringify(line)).not.toContain(words);
}

describe('an entry’s words are its author’s', () => {
  it('refuses on Ana’s and Cat’s laptops a raw body update written under Ben’s laptop, leaving the entry byte-identical', async () => {
    const circle = await threeLaptops(seededRandom(1301));
    const { ana, ben, cat, net, entryId } = circle;
    const before = [ana, cat].map((laptop) => Y.encodeStateAsUpdate(circle.body(laptop)));
    // Ben's laptop names one of its clients a writer of Ana's entry (that it may do) and
    // writes under it; and writes under its registered index client too.
    const benBody = circle.body(ben);
    circle.indexOf(ben).registerBodyWriter(entryId, 777_001, ben.memberId);
    await net.settle();
    const docId = entryDocId(entryId);
    for (const client of [777_001, docOf(ben, INDEX_DOC_ID).clientID]) {
      const update = rawParagraph(benBody, client, BEN_WORDS);
      for (const peer of [ana, cat]) ben.mesh.session(peer.peerId)!.sendUpdate(docId, update);
      await net.settle();
    }
    [ana, cat].forEach((laptop, i) => {
      expect(Y.encodeStateAsUpdate(circle.body(laptop))).toEqual(before[i]);
      expect(entryText(circle.body(laptop))).not.toContain(BEN_WORDS);
    });
    expect(refusals().length).toBeGreaterThanOrEqual(4);
    expectNoWordsLogged(BEN_WORDS);
    // Refused, not disconnected: Ben's laptop may only be behind on the index.
    expect(ana.mesh.peers().map((peer) => peer.peerId)).toContain(ben.peerId);
  });

  it('refuses the same words when Ben’s laptop brings them back from an offline meeting', async () => {
    const circle = await threeLaptops(seededRandom(1302));
    const { ana, ben, cat } = circle;
    const net = new LoopbackTransport();
    // Everyone goes apart; Ana writes on, and words land in Ben's copy of her entry.
    for (const laptop of [ana, cat]) laptop.mesh.removePeer(ben.peerId);
    for (const laptop of [ana, cat]) ben.mesh.removePeer(laptop.peerId);
    ana.mesh.removePeer(cat.peerId);
    cat.mesh.removePeer(ana.peerId);
    appendParagraph(circle.body(ana), 'Ana adds a line while apart.');
    const benIndexClient = docOf(ben, INDEX_DOC_ID).clientID;
    Y.applyUpdate(
      circle.body(ben),
      rawParagraph(circle.body(ben), benIndexClient, BEN_WORDS),
      LOCAL_ORIGIN,
    );
    const anaBefore = Y.encodeStateAsUpdate(circle.body(ana));
    for (const [x, y] of [
      [ben, ana],
      [ben, cat],
      [ana, cat],
    ] as const) {
      net.connect({ peerId: x.peerId, mesh: x.mesh }, { peerId: y.peerId, mesh: y.mesh });
    }
    await net.settle();
    expect(Y.encodeStateAsUpdate(circle.body(ana))).toEqual(anaBefore);
    expect(Y.encodeStateAsUpdate(circle.body(cat))).toEqual(anaBefore);
    expect(entryText(circle.body(cat))).toContain('Ana adds a line while apart.');
    expect(refusals().length).toBeGreaterThan(0);
    expectNoWordsLogged(BEN_WORDS);
  });

  it('lets an invited member write, keeps their words when the invitation is taken back, and refuses what comes after', async () => {
    const circle = await threeLaptops(seededRandom(1303));
    const { ana, ben, cat, net, entryId } = circle;
    const anaIndex = circle.indexOf(ana);
    expect(mayWriteNow(anaIndex.read().writing.get(entryId)!, ben.memberId)).toBe(false);
    anaIndex.setCoWriter(entryId, ben.memberId, true);
    await net.settle();
    const benIndex = circle.indexOf(ben);
    expect(mayWriteNow(benIndex.read().writing.get(entryId)!, ben.memberId)).toBe(true);
    const pen = new Y.Doc();
    Y.applyUpdate(pen, Y.encodeStateAsUpdate(circle.body(ben)));
    benIndex.registerBodyWriter(entryId, pen.clientID, ben.memberId);
    pen.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'live') Y.applyUpdate(circle.body(ben), update, LOCAL_ORIGIN);
    });
    appendParagraph(pen, 'Ben, invited, writes with her.');
    await net.settle();
    for (const laptop of [ana, cat]) {
      expect(entryText(circle.body(laptop))).toContain('Ben, invited, writes with her.');
      expect(circle.indexOf(laptop).read().writing.get(entryId)?.clients.get(pen.clientID)).toBe(
        ben.memberId,
      );
    }
    anaIndex.setCoWriter(entryId, ben.memberId, false, keptState(circle.body(ana)));
    // Ben's words arrive at Ana's laptop after she took the invitation back.
    ben.mesh.removePeer(ana.peerId);
    ana.mesh.removePeer(ben.peerId);
    appendParagraph(pen, BEN_WORDS);
    await net.settle();
    const again = new LoopbackTransport();
    again.connect({ peerId: ana.peerId, mesh: ana.mesh }, { peerId: ben.peerId, mesh: ben.mesh });
    await again.settle();
    await net.settle();
    for (const laptop of [ana, ben, cat]) {
      const text = entryText(circle.body(laptop));
      expect(text).toContain('Ben, invited, writes with her.');
      expect(text).not.toContain(BEN_WORDS);
    }
    expect(ben.docs.contents()).toEqual(ana.docs.contents());
    expect(cat.docs.contents()).toEqual(ana.docs.contents());
  });

  it('lets every member write in a meeting’s shared page, and nobody co-write an anonymous entry', async () => {
    const circle = await threeLaptops(seededRandom(1304));
    const { ana, ben, cat, net } = circle;
    const meetingId = circle.indexOf(ana).read().meetings[0]!.id;
    const pageId = meetingId as string as EntryId;
    const page = docOf(ana, entryDocId(pageId));
    circle.indexOf(ana).addSharedPage(meetingId, ana.memberId, page.clientID, 3);
    appendParagraph(page, 'Our notes from tonight.');
    await net.settle();
    const benPage = docOf(ben, entryDocId(pageId));
    circle.indexOf(ben).registerBodyWriter(pageId, benPage.clientID, ben.memberId);
    appendParagraph(benPage, 'Ben adds to the notes.');
    await net.settle();
    expect(entryText(docOf(cat, entryDocId(pageId)))).toContain('Ben adds to the notes.');
    expect(circle.indexOf(cat).read().writing.get(pageId)?.page).toBe(true);

    const anonymousId = seededId<EntryId>(seededRandom(5));
    const anonBody = docOf(ana, entryDocId(anonymousId));
    const nameless = circle
      .indexOf(ana)
      .addAnonymousEntry(meetingId, anonymousId, 4, anonBody.clientID);
    appendParagraph(anonBody, 'Written without a name.');
    circle.indexOf(ana).setCoWriter(anonymousId, EVERYONE, true);
    await net.settle();
    const writing = circle.indexOf(cat).read().writing.get(anonymousId)!;
    expect(writing.author).toBeNull();
    expect(writing.everyone).toBe(false);
    expect(writing.clients.get(anonBody.clientID)).toBeNull();
    expect(circle.indexOf(cat).read().registry.memberOf(nameless)).toBeNull();
    expect(entryText(docOf(cat, entryDocId(anonymousId)))).toContain('Written without a name.');
  });
});
