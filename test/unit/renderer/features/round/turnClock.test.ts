import { describe, expect, it } from 'vitest';
import type { MemberId } from '../../../../../shared/notebook/ids';
import type { MemberRecord } from '../../../../../shared/notebook/schema';
import { firstOrder, moveInOrder } from '../../../../../renderer/src/features/round/roundOrder';
import {
  formatClock,
  localTurnStart,
  median,
  readTimer,
  untilNextSecond,
} from '../../../../../renderer/src/features/round/turnClock';

const ANA = 'AAAAAAAAAAAAAAAAAAAAAA' as MemberId;
const BEN = 'BBBBBBBBBBBBBBBBBBBBBB' as MemberId;
const CAT = 'CCCCCCCCCCCCCCCCCCCCCC' as MemberId;
const DAN = 'DDDDDDDDDDDDDDDDDDDDDD' as MemberId;
const SEVEN_MINUTES = 7 * 60_000;

describe('a turn on this laptop’s clock', () => {
  it('moves a start written on a laptop seven minutes ahead back onto this clock', () => {
    // Ben's laptop runs 7 minutes ahead of Ana's; Ben moved the round on at his 12:07:00.
    const turn = { turnStartedAt: Date.UTC(2025, 0, 9, 12, 7), turnStartedBy: BEN };
    const onAna = localTurnStart(turn, ANA, new Map([[BEN, SEVEN_MINUTES]]));
    expect(onAna).toEqual({ startedAt: Date.UTC(2025, 0, 9, 12, 0), source: 'writer' });
    // On Ben's own laptop the start is what he wrote.
    expect(localTurnStart(turn, BEN, new Map([[ANA, -SEVEN_MINUTES]]))).toEqual({
      startedAt: turn.turnStartedAt,
      source: 'own',
    });
  });

  it('two laptops with skewed clocks read the same time into the turn', () => {
    const realNow = 1_736_424_000_000;
    const anaClock = realNow;
    const benClock = realNow + SEVEN_MINUTES;
    const turn = { turnStartedAt: benClock - 83_400, turnStartedBy: BEN };
    const onAna = localTurnStart(turn, ANA, new Map([[BEN, SEVEN_MINUTES + 3]]));
    const onBen = localTurnStart(turn, BEN, new Map());
    const ana = readTimer(onAna.startedAt, anaClock, 180);
    const ben = readTimer(onBen.startedAt, benClock, 180);
    expect(ana.elapsedSeconds).toBe(83);
    expect(ben.elapsedSeconds).toBe(83);
  });

  it('uses the median offset of the laptops here when the writer has gone, else the clock as it is', () => {
    const turn = { turnStartedAt: 10_000, turnStartedBy: DAN };
    expect(
      localTurnStart(
        turn,
        ANA,
        new Map([
          [BEN, 400],
          [CAT, -100],
          [DAN + 'x', 9_000_000],
        ] as [MemberId, number][]),
      ),
    ).toEqual({ startedAt: 10_000 - 400, source: 'room' });
    expect(localTurnStart(turn, ANA, new Map())).toEqual({ startedAt: 10_000, source: 'none' });
  });

  it('takes the middle of an odd count and the mean of the middle two of an even one', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([9, 1, 5, 3])).toBe(4);
  });
});

describe('the timer', () => {
  it('counts whole seconds, fills toward the turn’s time and says when it is up', () => {
    expect(readTimer(1000, 1000, 180)).toEqual({ elapsedSeconds: 0, fraction: 0, timeUp: false });
    expect(readTimer(1000, 91_999, 180)).toEqual({
      elapsedSeconds: 90,
      fraction: 90_999 / 180_000,
      timeUp: false,
    });
    expect(readTimer(1000, 181_000, 180)).toEqual({
      elapsedSeconds: 180,
      fraction: 1,
      timeUp: true,
    });
    expect(readTimer(1000, 900_000, 180).fraction).toBe(1);
  });

  it('reads a start a little in the future as a turn just begun', () => {
    expect(readTimer(5000, 4990, 60)).toEqual({ elapsedSeconds: 0, fraction: 0, timeUp: false });
  });

  it('wakes when the next second is due', () => {
    expect(untilNextSecond(1000, 1000)).toBe(1000);
    expect(untilNextSecond(1000, 3250)).toBe(750);
    expect(untilNextSecond(1000, 990)).toBe(10);
  });

  it('shows mm:ss', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(83)).toBe('01:23');
    expect(formatClock(180)).toBe('03:00');
    expect(formatClock(6000)).toBe('100:00');
  });
});

describe('the order a round starts from', () => {
  const member = (id: MemberId, name: string): [MemberId, MemberRecord] => [
    id,
    { id, name, colour: 'sage', joinedAt: 1, agreedAt: null, agreedVersion: null },
  ];
  const members = new Map([
    member(ANA, 'Ana'),
    member(BEN, 'Ben'),
    member(CAT, 'Cat'),
    member(DAN, 'Dan'),
  ]);

  it('puts this laptop’s member first, then the others here now, then those away', () => {
    expect(firstOrder(members, new Set([DAN, BEN]), CAT)).toEqual([CAT, BEN, DAN, ANA]);
  });

  it('moves a person one place earlier or later, and nowhere past either end', () => {
    const order = [ANA, BEN, CAT];
    expect(moveInOrder(order, 1, -1)).toEqual([BEN, ANA, CAT]);
    expect(moveInOrder(order, 1, 1)).toEqual([ANA, CAT, BEN]);
    expect(moveInOrder(order, 0, -1)).toEqual(order);
    expect(moveInOrder(order, 2, 1)).toEqual(order);
    expect(order).toEqual([ANA, BEN, CAT]);
  });
});
