/**
 * A laptop joining a big notebook can tell how much has arrived: the mesh counts the
 * documents received of those the peer holds while it catches up, rising to the whole,
 * and says nothing once it is in step.
 */
import { describe, expect, it } from 'vitest';
import { foundCircle, makeLaptop, writeEntry } from '../../../helpers/circleLaptops';
import { LoopbackTransport } from '../../../helpers/loopbackTransport';
import { seededRandom } from '../../../helpers/seededRandom';

describe('catching up with a notebook', () => {
  it('counts the documents that have arrived, of all the peer holds, until in step', async () => {
    const random = seededRandom(9);
    const ana = makeLaptop(random);
    const ben = makeLaptop(random);
    foundCircle(ana, random);
    // Entries long enough that the circle's answer comes in several batches (about 128 KiB
    // each), as a real year of meetings does.
    for (let i = 0; i < 40; i++) writeEntry(ana, random, [`entry ${i} ${'words '.repeat(2_000)}`]);
    const net = new LoopbackTransport();
    net.connect({ peerId: ana.peerId, mesh: ana.mesh }, { peerId: ben.peerId, mesh: ben.mesh });

    // What the status line would show, each time the mesh says something changed.
    const seen: string[] = [];
    ben.mesh.onChange(() => {
      const progress = ben.mesh.catchingUp();
      const shown = progress === null ? 'in step' : `${progress.done}/${progress.total}`;
      if (seen.at(-1) !== shown) seen.push(shown);
    });
    await net.settle();
    expect(seen.at(-1)).toBe('in step');
    const counts = seen.filter((shown) => shown !== 'in step').map((shown) => shown.split('/'));
    // The whole is the 41 documents Ana holds; what has arrived only grows, to the whole.
    expect(counts.length).toBeGreaterThan(2);
    for (const [, total] of counts.slice(1)) expect(Number(total)).toBe(41);
    const done = counts.map(([arrived]) => Number(arrived));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBeGreaterThan(30);
  });
});
