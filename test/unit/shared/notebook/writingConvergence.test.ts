/**
 * The convergence suite for the writing rule (shared/notebook/WRITING.md), over the real
 * CircleMesh, peer sessions and update guard on a loopback transport: three members do
 * random things — the author writes, invites and takes back; the others write in her
 * entry whether or not their laptop thinks they may, and in the meeting's shared page —
 * while connections are cut and healed. Once all are together again, every laptop holds
 * the same notebook, and no body holds a word its rule refuses.
 */
import { describe, expect, it } from 'vitest';
import { EVERYONE, keptState } from '../../../../shared/notebook/bodyWriting';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import {
  INDEX_DOC_ID,
  entryDocId,
  type EntryId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import { findRefusedWords } from '../../../../shared/notebook/refusedWords';
import {
  appendParagraph,
  docOf,
  entryText,
  foundCircle,
  makeLaptop,
  type Laptop,
} from '../../../helpers/circleLaptops';
import { seededId } from '../../../helpers/circleReplicas';
import { LoopbackTransport, type LoopbackConnection } from '../../../helpers/loopbackTransport';
import { seedFromEnvironment, seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const OPERATIONS = 400;

// Refusals are logged by design here; the suite checks outcomes, not the log.
capturedLogs();

describe('the writing rule converges', () => {
  it('three members’ random allowed and refused writing, invitations and cuts end in one notebook with no refused words', async () => {
    const seed = seedFromEnvironment(1313);
    const random = seededRandom(seed);
    const net = new LoopbackTransport();
    const laptops = [makeLaptop(random), makeLaptop(random), makeLaptop(random)];
    const [ana, ben, cat] = laptops as [Laptop, Laptop, Laptop];
    const indexes = new Map<Laptop, CircleIndex>();
    indexes.set(ana, foundCircle(ana, random));
    for (const laptop of [ben, cat]) {
      const index = new CircleIndex(docOf(laptop, INDEX_DOC_ID));
      index.registerClient(laptop.memberId);
      indexes.set(laptop, index);
    }
    const indexOf = (laptop: Laptop): CircleIndex => indexes.get(laptop)!;
    const meetingId = indexOf(ana).addMeeting(
      { title: 'Tonight', date: '2026-12-07', prompts: [], createdBy: ana.memberId },
      1,
    );
    const entryId = seededId<EntryId>(random);
    const pageId = meetingId as string as EntryId;
    const anaBody = docOf(ana, entryDocId(entryId));
    indexOf(ana).addEntry(
      { meetingId, authorId: ana.memberId, visibility: 'circle', bodyClient: anaBody.clientID },
      2,
      entryId,
    );
    appendParagraph(anaBody, 'ana-0');
    const anaPage = docOf(ana, entryDocId(pageId));
    indexOf(ana).addSharedPage(meetingId, ana.memberId, anaPage.clientID, 3);
    appendParagraph(anaPage, 'page-ana-0');

    const links = new Map<string, LoopbackConnection>();
    const pairs: [Laptop, Laptop][] = [
      [ana, ben],
      [ana, cat],
      [ben, cat],
    ];
    const key = ([x, y]: [Laptop, Laptop]): string => `${x.peerId}-${y.peerId}`;
    const connect = (pair: [Laptop, Laptop]): void => {
      if (links.get(key(pair))?.open === true) return;
      const [x, y] = pair;
      links.set(
        key(pair),
        net.connect({ peerId: x.peerId, mesh: x.mesh }, { peerId: y.peerId, mesh: y.mesh }),
      );
    };
    pairs.forEach(connect);
    await net.settle();
    // Each laptop writes the bodies with its own live document's client, named its member's.
    for (const laptop of [ben, cat]) {
      for (const id of [entryId, pageId]) {
        indexOf(laptop).registerBodyWriter(
          id,
          docOf(laptop, entryDocId(id)).clientID,
          laptop.memberId,
        );
      }
    }
    indexOf(ana).registerBodyWriter(pageId, anaPage.clientID, ana.memberId);

    let count = 0;
    const neverInvited = new Set<string>();
    let everInvited = false;
    const pageWritten = new Set<string>();
    for (let step = 0; step < OPERATIONS; step++) {
      const roll = random.next();
      const writer = laptops[random.int(0, 2)]!;
      const phrase = `${writer === ana ? 'ana' : writer === ben ? 'ben' : 'cat'}-${++count}`;
      if (roll < 0.3) {
        // Writing in Ana's entry, whether this laptop thinks its member may or not.
        if (writer !== ana && !everInvited) neverInvited.add(phrase);
        appendParagraph(docOf(writer, entryDocId(entryId)), phrase);
      } else if (roll < 0.45) {
        appendParagraph(docOf(writer, entryDocId(pageId)), `page-${phrase}`);
        pageWritten.add(`page-${phrase}`);
      } else if (roll < 0.6) {
        const choices: (MemberId | typeof EVERYONE)[] = [ben.memberId, cat.memberId, EVERYONE];
        const who = choices[random.int(0, 2)]!;
        const on = random.next() < 0.5;
        if (on) everInvited = true;
        indexOf(ana).setCoWriter(entryId, who, on, on ? [] : keptState(anaBody));
        // Not Ana's: another member's laptop tries to invite itself (never counts).
        if (random.next() < 0.2) indexOf(writer).setCoWriter(entryId, writer.memberId, true);
      } else if (roll < 0.75) {
        const pair = pairs[random.int(0, 2)]!;
        links.get(key(pair))?.cut();
      } else if (roll < 0.85) {
        connect(pairs[random.int(0, 2)]!);
      } else if (roll < 0.95) {
        net.deliver();
        await Promise.all(laptops.map((laptop) => laptop.mesh.idle()));
      } else {
        await net.settle();
      }
    }

    pairs.forEach(connect);
    for (let round = 0; round < 3; round++) {
      await net.settle();
      for (const laptop of laptops) laptop.mesh.antiEntropy();
    }
    await net.settle();

    const reference = ana.docs.contents();
    for (const laptop of [ben, cat])
      expect(laptop.docs.contents(), `seed ${seed}`).toEqual(reference);
    for (const laptop of laptops) {
      for (const id of [entryId, pageId]) {
        const writing = indexOf(laptop).read().writing.get(id)!;
        expect(findRefusedWords(docOf(laptop, entryDocId(id)), writing)).toEqual([]);
      }
    }
    const text = entryText(anaBody);
    for (const phrase of neverInvited) expect(text.split('\n')).not.toContain(phrase);
    expect(text.split('\n')).toContain('ana-0');
    // Every page phrase is there: everyone writes in the shared page.
    const page = entryText(anaPage).split('\n');
    for (const phrase of pageWritten) expect(page).toContain(phrase);
  });
});
