/**
 * The door service of two laptops in one process, over mDNS on loopback (a port private
 * to this test process): the facilitator's laptop opens the door, the newcomer's finds
 * it by its nickname, knocks, and joins with what the door sealed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDoors, type Doors } from '../../../../../../electron/main/services/door/doors';
import type { DoorNetwork } from '../../../../../../electron/main/services/door/doorNetwork';
import type {
  CircleSummary,
  DoorState,
  EmitEvent,
  JoinCircle,
  KnockProgress,
  NearbyDoor,
} from '../../../../../../shared/ipc/contract';
import type { CircleId } from '../../../../../../shared/notebook/ids';
import { encodeInvite } from '../../../../../../shared/sync/invite';
import { deriveSafetyCode } from '../../../../../../shared/sync/circleSecrets';
import { privateMdnsPort } from '../discovery/mdnsTestNetwork';

const NETWORK: DoorNetwork = {
  hosts: () => ['127.0.0.1'],
  mdns: () => ({ interfaces: ['127.0.0.1'], port: privateMdnsPort(31) }),
};
const CIRCLE = {
  circleId: 'RG9vcnNUZXN0Q2lyY2xlSQ' as CircleId,
  circleKey: 'RG9vcnNUZXN0S2V5T2ZUaGVDaXJjbGVUaGF0SXNPSzE',
  circleName: 'Friday circle',
  endpoints: ['ws://127.0.0.1:4455'],
};

interface Laptop {
  doors: Doors;
  states: (DoorState | null)[];
  nearby: NearbyDoor[][];
  knocks: KnockProgress[];
  joined: JoinCircle[];
}

const laptops: Laptop[] = [];
afterEach(async () => {
  for (const laptop of laptops.splice(0)) await laptop.doors.close();
});

function laptop(): Laptop {
  const made: Laptop = {
    doors: null as unknown as Doors,
    states: [],
    nearby: [],
    knocks: [],
    joined: [],
  };
  const emit: EmitEvent = (channel, payload) => {
    if (channel === 'hearth:door:state') made.states.push(payload as DoorState | null);
    if (channel === 'hearth:door:nearby') made.nearby.push(payload as NearbyDoor[]);
    if (channel === 'hearth:door:knock') made.knocks.push(payload as KnockProgress);
  };
  made.doors = createDoors({
    network: NETWORK,
    emit,
    invite: (circleId, circleName) => {
      const encoded = encodeInvite({ ...CIRCLE, circleId, circleName });
      if (!encoded.ok) throw new Error(encoded.reason);
      return Promise.resolve(encoded.value);
    },
    join: (join) => {
      made.joined.push(join);
      const summary: CircleSummary = {
        id: join.circleId,
        name: join.name,
        memberName: join.memberName,
        colour: join.colour,
        createdAt: 1,
        lastOpenedAt: 1,
      };
      return Promise.resolve(summary);
    },
    nearby: { censusMs: 300, staleMs: 1000 },
  });
  laptops.push(made);
  return made;
}

const last = <T>(list: T[]): T | undefined => list[list.length - 1];

describe('doors between two laptops', () => {
  it('are found by nickname, knocked on, and joined through, with the same words on both', async () => {
    const facilitator = laptop();
    const newcomer = laptop();
    await newcomer.doors.handlers['hearth:door:nearby']();
    const door = await facilitator.doors.handlers['hearth:door:open']({
      circleId: CIRCLE.circleId,
      circleName: CIRCLE.circleName,
      showCircleName: false,
      minutes: 10,
    });
    expect(door.labelKind).toBe('nickname');
    expect(door.label).toBe(door.nickname);
    expect(door.announced).toBe(true);
    await vi.waitFor(
      () => expect(last(newcomer.nearby)?.map((d) => d.label)).toContain(door.nickname),
      {
        timeout: 5000,
      },
    );
    // The facilitator's own laptop does not list its own door.
    await facilitator.doors.handlers['hearth:door:nearby']();
    const listed = last(newcomer.nearby)!.find((d) => d.label === door.nickname)!;
    const knockId = await newcomer.doors.handlers['hearth:door:knock']({
      doorId: listed.doorId,
      memberName: 'Ada',
      colour: 'moss',
      colourChosen: false,
    });
    await vi.waitFor(() => expect(last(facilitator.states)?.knocks).toHaveLength(1), {
      timeout: 5000,
    });
    const waiting = last(facilitator.states)!.knocks[0]!;
    const words = newcomer.knocks.find((k) => k.stage === 'words');
    expect(words).toEqual({ knockId, stage: 'words', words: waiting.words });
    expect(waiting.memberName).toBe('Ada');
    await facilitator.doors.handlers['hearth:door:answer'](waiting.knockId, 'let-in');
    await vi.waitFor(() => expect(last(newcomer.knocks)?.stage).toBe('joined'), { timeout: 5000 });
    expect(newcomer.joined).toEqual(
      [
        {
          ...CIRCLE,
          name: CIRCLE.circleName,
          memberName: 'Ada',
          colour: 'moss',
          colourChosen: false,
          turn: [],
        },
      ].map(({ circleName: _circleName, ...join }) => join),
    );
    expect(last(newcomer.knocks)).toMatchObject({
      safetyCode: [...(await deriveSafetyCode(CIRCLE.circleKey))],
    });
    expect(last(facilitator.states)?.letIn).toEqual([{ memberName: 'Ada', colour: 'moss' }]);
    // Closing withdraws the announcement: the door leaves the newcomer's list.
    await facilitator.doors.handlers['hearth:door:close']();
    expect(last(facilitator.states)).toBeNull();
    await vi.waitFor(
      () => expect(last(newcomer.nearby)?.map((d) => d.label) ?? []).not.toContain(door.nickname),
      {
        timeout: 5000,
      },
    );
    // A knock on it now finds no door.
    await expect(
      newcomer.doors.handlers['hearth:door:knock']({
        doorId: listed.doorId,
        memberName: 'Ada',
        colour: 'moss',
        colourChosen: true,
      }),
    ).rejects.toThrow('no longer open');
  });

  it('announces the circle’s name only when the facilitator chose to show it', async () => {
    const facilitator = laptop();
    const newcomer = laptop();
    await newcomer.doors.handlers['hearth:door:nearby']();
    const door = await facilitator.doors.handlers['hearth:door:open']({
      circleId: CIRCLE.circleId,
      circleName: CIRCLE.circleName,
      showCircleName: true,
      minutes: 10,
    });
    expect(door).toMatchObject({ label: CIRCLE.circleName, labelKind: 'circle-name' });
    await vi.waitFor(
      () =>
        expect(last(newcomer.nearby)).toContainEqual(
          expect.objectContaining({ label: CIRCLE.circleName, labelKind: 'circle-name' }),
        ),
      { timeout: 5000 },
    );
  });

  it('closes by itself when its time runs out, telling a waiting knocker', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const facilitator = laptop();
      await facilitator.doors.handlers['hearth:door:open']({
        circleId: CIRCLE.circleId,
        circleName: CIRCLE.circleName,
        showCircleName: false,
        minutes: 1,
      });
      await vi.advanceTimersByTimeAsync(61_000);
      expect(last(facilitator.states)).toBeNull();
      expect(await facilitator.doors.handlers['hearth:door:state']()).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
