import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { newId, type CircleId, type MemberId } from '../../../../shared/notebook/ids';
import type { MemberColour } from '../../../../shared/notebook/schema';
import { settleGuessedColour } from '../../../../renderer/src/live-documents/guessedColour';

const circleId = newId<CircleId>();

// A founder's laptop: the circle with its founder in `colour`.
function foundersIndex(colour: MemberColour): CircleIndex {
  return CircleIndex.found(new Y.Doc(), {
    circleId,
    name: 'Thursday Circle',
    founder: { id: newId<MemberId>(), name: 'Robin', colour, joinedAt: 1 },
    createdAt: 1,
  });
}

// A newcomer's laptop before the notebook arrives: only its own record, in `guess`.
function newcomersIndex(memberId: MemberId, guess: MemberColour): CircleIndex {
  const index = new CircleIndex(new Y.Doc());
  index.upsertMember({
    id: memberId,
    name: 'Sam',
    colour: guess,
    joinedAt: 2,
    agreedAt: null,
    agreedVersion: null,
  });
  return index;
}

// The notebook arriving from `from`.
function arrive(from: CircleIndex, to: CircleIndex): void {
  Y.applyUpdate(to.ydoc, Y.encodeStateAsUpdate(from.ydoc));
}

describe('settleGuessedColour', () => {
  it('waits for the notebook, then gives a guessed colour someone has up for a free one', () => {
    const sam = newId<MemberId>();
    const newcomer = newcomersIndex(sam, 'moss');
    const settled = vi.fn();
    settleGuessedColour(newcomer, sam, 'moss', settled, () => 0.4);
    expect(settled).not.toHaveBeenCalled();

    arrive(foundersIndex('moss'), newcomer);
    expect(settled).toHaveBeenCalledTimes(1);
    const colour = settled.mock.calls[0]![0] as MemberColour;
    expect(colour).not.toBe('moss');
    expect(newcomer.read().members.get(sam)?.colour).toBe(colour);
  });

  it('keeps a guessed colour nobody else has, and writes nothing', () => {
    const sam = newId<MemberId>();
    const newcomer = newcomersIndex(sam, 'lake');
    arrive(foundersIndex('ember'), newcomer);
    const before = Y.encodeStateVector(newcomer.ydoc);
    const settled = vi.fn();
    settleGuessedColour(newcomer, sam, 'lake', settled);
    expect(settled).toHaveBeenCalledWith('lake');
    expect(Y.encodeStateVector(newcomer.ydoc)).toEqual(before);
  });

  it('settles once: a member who arrives later in the same colour changes nothing', () => {
    const sam = newId<MemberId>();
    const newcomer = newcomersIndex(sam, 'moss');
    const settled = vi.fn();
    settleGuessedColour(newcomer, sam, 'moss', settled, () => 0);
    arrive(foundersIndex('ember'), newcomer);
    expect(settled).toHaveBeenCalledWith('moss');

    const other = newcomersIndex(newId<MemberId>(), 'moss');
    arrive(other, newcomer);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(newcomer.read().members.get(sam)?.colour).toBe('moss');
  });

  it('two newcomers one after the other get colours nobody else has', () => {
    const founder = foundersIndex('sage');
    for (const guess of ['sage', 'sage'] as const) {
      const id = newId<MemberId>();
      const newcomer = newcomersIndex(id, guess);
      settleGuessedColour(newcomer, id, guess, () => undefined);
      arrive(founder, newcomer);
      // The founder's laptop hears of the newcomer, as the room would tell it.
      arrive(newcomer, founder);
    }
    const colours = [...founder.read().members.values()].map((member) => member.colour);
    expect(colours).toHaveLength(3);
    expect(new Set(colours).size).toBe(3);
  });

  it('stops watching when cleaned up before the notebook arrives', () => {
    const sam = newId<MemberId>();
    const newcomer = newcomersIndex(sam, 'moss');
    const settled = vi.fn();
    settleGuessedColour(newcomer, sam, 'moss', settled)();
    arrive(foundersIndex('moss'), newcomer);
    expect(settled).not.toHaveBeenCalled();
    expect(newcomer.read().members.get(sam)?.colour).toBe('moss');
  });
});
