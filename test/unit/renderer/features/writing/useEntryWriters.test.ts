import { describe, expect, it } from 'vitest';
import type { EntryWriting } from '../../../../../shared/notebook/bodyWriting';
import type { EntryId, MemberId } from '../../../../../shared/notebook/ids';
import type { WrittenLines } from '../../../../../shared/notebook/writtenRuns';
import {
  membersWhoWrote,
  sameWriters,
} from '../../../../../renderer/src/features/writing/useEntryWriters';

const ANA = 'member-ana' as MemberId;
const SAM = 'member-sam' as MemberId;

const writing = (clients: [number, MemberId | null][]): EntryWriting => ({
  entryId: 'entry-1' as EntryId,
  page: false,
  author: ANA,
  clients: new Map(clients),
  everyone: false,
  coWriters: new Set([SAM]),
  kept: new Map(),
  keptOutBy: new Set(),
});

describe('membersWhoWrote', () => {
  it('names each writer once, first words first, and leaves out untraced clients', () => {
    const lines: WrittenLines = [
      [
        { text: 'Sam adds ', client: 2 },
        { text: 'Ana began ', client: 1 },
      ],
      [
        { text: 'someone before the rule ', client: 9 },
        { text: 'Ana again', client: 3 },
      ],
    ];
    const rule = writing([
      [1, ANA],
      [2, SAM],
      [3, ANA],
    ]);
    expect(membersWhoWrote(lines, rule)).toEqual([SAM, ANA]);
    expect(membersWhoWrote(lines, undefined)).toEqual([]);
  });

  it('leaves out an anonymous author', () => {
    expect(membersWhoWrote([[{ text: 'words', client: 4 }]], writing([[4, null]]))).toEqual([]);
  });
});

describe('sameWriters', () => {
  it('is true only for the same members in the same order', () => {
    expect(sameWriters([ANA, SAM], [ANA, SAM])).toBe(true);
    expect(sameWriters([ANA, SAM], [SAM, ANA])).toBe(false);
    expect(sameWriters([ANA], [ANA, SAM])).toBe(false);
    expect(sameWriters([], [])).toBe(true);
  });
});
