import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CircleCrisisLines, CRISIS_LINES_ROOT } from '../../../../shared/notebook/crisisLines';
import { newId, type MemberId } from '../../../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../../../shared/notebook/origins';
import { capturedLogs } from '../../../helpers/capturedLogs';

const logged = capturedLogs();

const robin = newId<MemberId>();
const local = {
  name: 'Riverside warm line',
  number: '020 7946 0000',
  notes: 'Evenings 6–11',
  region: 'GB',
};

describe('a circle’s own crisis lines', () => {
  it('adds, lists oldest first, and removes lines with the local origin', () => {
    const ydoc = new Y.Doc();
    const origins = new Set<unknown>();
    ydoc.on('update', (_u: Uint8Array, origin: unknown) => origins.add(origin));
    const lines = new CircleCrisisLines(ydoc);
    const second = lines.add({ ...local, name: 'Second' }, robin, 200);
    const first = lines.add(local, robin, 100);
    expect(lines.read().map((line) => line.id)).toEqual([first, second]);
    expect(lines.read()[0]).toEqual({ id: first, ...local, addedBy: robin, addedAt: 100 });
    lines.remove(first);
    expect(lines.read().map((line) => line.id)).toEqual([second]);
    expect(origins).toEqual(new Set([LOCAL_ORIGIN]));
  });

  it('tells its subscribers about changes from any laptop, and merges concurrent adds', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const linesA = new CircleCrisisLines(a);
    const linesB = new CircleCrisisLines(b);
    let heard = 0;
    linesB.subscribe(() => heard++);
    linesA.add(local, robin, 1);
    linesB.add({ ...local, name: 'From B' }, null, 2);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(linesA.read().map((l) => l.name)).toEqual(['Riverside warm line', 'From B']);
    expect(linesB.read()).toEqual(linesA.read());
    expect(heard).toBeGreaterThan(0);
  });

  it('refuses to write a line that does not fit', () => {
    const lines = new CircleCrisisLines(new Y.Doc());
    expect(() => lines.add({ ...local, number: 'call me' }, robin)).toThrow(/cannot be saved/);
    expect(() => lines.add({ ...local, name: '' }, robin)).toThrow(/cannot be saved/);
    expect(() => lines.add({ ...local, region: 'gbr' }, robin)).toThrow(/cannot be saved/);
    expect(lines.read()).toEqual([]);
  });

  it('ignores records of the wrong shape from a peer, with a logged reason, once', () => {
    const ydoc = new Y.Doc();
    const lines = new CircleCrisisLines(ydoc);
    const good = lines.add(local, robin, 1);
    ydoc.transact(() => {
      const yLines = ydoc.getMap<unknown>(CRISIS_LINES_ROOT);
      yLines.set(newId<MemberId>(), 'not a record');
      const bad = new Y.Map<unknown>();
      yLines.set(newId<MemberId>(), bad);
      bad.set('name', 'Dial this');
      bad.set('number', 'javascript:alert(1)');
      bad.set('notes', '');
      bad.set('region', null);
      bad.set('addedBy', null);
      bad.set('addedAt', 5);
      yLines.set('not-an-id', new Y.Map());
    });
    expect(lines.read().map((l) => l.id)).toEqual([good]);
    lines.read();
    const reasons = logged.map((record) => String(record.detail?.reason));
    expect(reasons).toHaveLength(3);
    expect(reasons.join(' ')).toMatch(/not a record/);
    expect(reasons.join(' ')).toMatch(/crisis line .* is not in the expected form/);
    lines.remove(good);
    lines.read();
    expect(logged).toHaveLength(3);
  });
});
