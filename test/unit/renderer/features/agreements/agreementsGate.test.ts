import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleIndex } from '../../../../../shared/notebook/circleIndex';
import { newId, type CircleId, type MemberId } from '../../../../../shared/notebook/ids';
import {
  agreementsToAffirm,
  nextGateView,
  takesTyping,
  type AgreementsToAffirm,
} from '../../../../../renderer/src/features/agreements/agreementsGate';
import { roleRecords } from '../../../../../renderer/src/features/facilitation/roleChanges';

const anaId = newId<MemberId>();
const benId = newId<MemberId>();

// Ana founds the circle; Ben's laptop joins; every update crosses at once.
function circle(): { ana: CircleIndex; ben: CircleIndex; benDoc: Y.Doc } {
  const anaDoc = new Y.Doc();
  const benDoc = new Y.Doc();
  anaDoc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'wire') Y.applyUpdate(benDoc, update, 'wire');
  });
  benDoc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'wire') Y.applyUpdate(anaDoc, update, 'wire');
  });
  const ana = CircleIndex.found(anaDoc, {
    circleId: newId<CircleId>(),
    name: 'Lantern circle',
    founder: { id: anaId, name: 'Ana', colour: 'ember', joinedAt: 1 },
    createdAt: 1,
    agreements: 'We listen without fixing.\nWhat is said here stays here.',
  });
  const ben = new CircleIndex(benDoc);
  ben.registerClient(benId);
  ben.upsertMember({
    id: benId,
    name: 'Ben',
    colour: 'lake',
    joinedAt: 2,
    agreedAt: null,
    agreedVersion: null,
  });
  return { ana, ben, benDoc };
}

const needed = (affirmedBefore: boolean): AgreementsToAffirm => ({
  text: 'We listen.',
  version: 2,
  affirmedBefore,
});

describe('which agreements a member must affirm', () => {
  it('asks the founder and a new member to affirm the first version, then nothing', () => {
    const { ana, ben } = circle();
    expect(agreementsToAffirm(ana.read(), anaId)).toEqual({
      text: 'We listen without fixing.\nWhat is said here stays here.',
      version: 1,
      affirmedBefore: false,
    });
    expect(agreementsToAffirm(ben.read(), benId)?.version).toBe(1);
    ana.affirmAgreements(anaId, 1);
    ben.affirmAgreements(benId, 1);
    expect(agreementsToAffirm(ana.read(), anaId)).toBeNull();
    expect(agreementsToAffirm(ana.read(), benId)).toBeNull();
  });

  it('asks everyone again when a facilitator changes the agreements', () => {
    const { ana, ben } = circle();
    ana.affirmAgreements(anaId, 1);
    ben.affirmAgreements(benId, 1);
    ana.govern({ kind: 'agreements', text: 'We listen.\nWe start on time.', at: 5 });
    expect(agreementsToAffirm(ben.read(), benId)).toEqual({
      text: 'We listen.\nWe start on time.',
      version: 2,
      affirmedBefore: true,
    });
    expect(agreementsToAffirm(ben.read(), anaId)?.version).toBe(2);
  });

  it('does not ask again when a member who is not a facilitator writes agreements', () => {
    const { ana, ben } = circle();
    ben.affirmAgreements(benId, 1);
    ben.govern({ kind: 'agreements', text: 'Anything goes.', at: 5 });
    expect(agreementsToAffirm(ana.read(), benId)).toBeNull();
    expect(ana.read().governance.agreements?.version).toBe(1);
  });

  it('stands aside while the notebook has not arrived, and when there are no agreements', () => {
    const waiting = new CircleIndex(new Y.Doc());
    waiting.upsertMember({
      id: benId,
      name: 'Ben',
      colour: 'lake',
      joinedAt: 2,
      agreedAt: null,
      agreedVersion: null,
    });
    expect(waiting.read().meta).toBeNull();
    expect(agreementsToAffirm(waiting.read(), benId)).toBeNull();

    const unwritten = CircleIndex.found(new Y.Doc(), {
      circleId: newId<CircleId>(),
      name: 'Older circle',
      founder: { id: anaId, name: 'Ana', colour: 'ember', joinedAt: 1 },
      createdAt: 1,
    });
    expect(agreementsToAffirm(unwritten.read(), anaId)).toBeNull();
  });
});

describe('what shows when the agreements need affirming', () => {
  it('shows the gate on opening the circle, whatever has the focus', () => {
    expect(nextGateView(null, needed(true), true)).toBe('gate');
    expect(nextGateView(null, null, true)).toBe('notebook');
  });

  it('shows a banner instead when a change arrives while the member is writing', () => {
    expect(nextGateView('notebook', needed(true), true)).toBe('banner');
    expect(nextGateView('notebook', needed(true), false)).toBe('gate');
  });

  it('never puts off a first affirmation, even while writing', () => {
    expect(nextGateView('notebook', needed(false), true)).toBe('gate');
  });

  it('keeps the banner or the gate through a further change, until the member affirms', () => {
    expect(nextGateView('banner', needed(true), false)).toBe('banner');
    expect(nextGateView('gate', needed(true), true)).toBe('gate');
    expect(nextGateView('banner', null, false)).toBe('notebook');
    expect(nextGateView('gate', null, false)).toBe('notebook');
  });

  it('counts editors, text areas and text fields as writing, not buttons', () => {
    const element = (tagName: string, extra: object = {}): Element =>
      ({ tagName, isContentEditable: false, ...extra }) as unknown as Element;
    expect(takesTyping(element('DIV', { isContentEditable: true }))).toBe(true);
    expect(takesTyping(element('TEXTAREA'))).toBe(true);
    expect(takesTyping(element('INPUT', { type: 'text' }))).toBe(true);
    expect(takesTyping(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(takesTyping(element('BUTTON'))).toBe(false);
    expect(takesTyping(null)).toBe(false);
  });
});

describe('handing on the facilitator role', () => {
  it('makes the other member the only facilitator, who can then change the agreements', () => {
    const { ana, ben } = circle();
    for (const record of roleRecords({ kind: 'hand-on', memberId: benId }, anaId, 3)) {
      ana.govern(record);
    }
    expect([...ben.read().governance.facilitators]).toEqual([benId]);
    ana.govern({ kind: 'agreements', text: 'Ana no longer decides.', at: 4 });
    ben.govern({ kind: 'agreements', text: 'Ben now may.', at: 5 });
    expect(ana.read().governance.agreements).toMatchObject({ text: 'Ben now may.', version: 2 });
  });

  it('shares the role, and lets a facilitator step down only while another remains', () => {
    const { ana, ben } = circle();
    for (const record of roleRecords({ kind: 'step-down' }, anaId, 2)) ana.govern(record);
    expect([...ben.read().governance.facilitators]).toEqual([anaId]);
    for (const record of roleRecords({ kind: 'share', memberId: benId }, anaId, 3)) {
      ana.govern(record);
    }
    expect(new Set(ben.read().governance.facilitators)).toEqual(new Set([anaId, benId]));
    for (const record of roleRecords({ kind: 'step-down' }, benId, 4)) ben.govern(record);
    expect([...ana.read().governance.facilitators]).toEqual([anaId]);
  });
});
