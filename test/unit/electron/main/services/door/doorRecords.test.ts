import type { Service } from 'bonjour-service';
import { describe, expect, it } from 'vitest';
import {
  doorFromService,
  doorRecords,
  newDoorInstance,
} from '../../../../../../electron/main/services/door/doorRecords';

const heard = (overrides: Partial<Record<string, unknown>> = {}): Service =>
  ({
    name: 'door-0123456789abcdef',
    port: 40123,
    addresses: ['192.168.1.20'],
    txt: { v: '1', k: 'w', n: 'amber lantern' },
    ...overrides,
  }) as unknown as Service;

describe('door records', () => {
  it('announce the nickname and nothing else about the circle', () => {
    const records = doorRecords({
      instance: 'door-0123456789abcdef',
      address: '192.168.1.20',
      port: 40123,
      label: 'amber lantern',
      labelKind: 'nickname',
    });
    const txt = records.find((record) => record.type === 'TXT')!.data as Buffer[];
    expect(txt.map((entry) => entry.toString())).toEqual(['v=1', 'k=w', 'n=amber lantern']);
    expect(records.map((record) => record.name)).toContain('_hearth-door._tcp.local');
    expect(newDoorInstance()).toMatch(/^door-[0-9a-f]{16}$/);
  });

  it('read a door heard on the network, with where to knock', () => {
    expect(doorFromService(heard())).toEqual({
      doorId: 'door-0123456789abcdef',
      label: 'amber lantern',
      labelKind: 'nickname',
      urls: ['ws://192.168.1.20:40123/door'],
    });
    expect(doorFromService(heard({ txt: { v: '1', k: 'c', n: 'Thursday circle' } }))).toMatchObject(
      {
        label: 'Thursday circle',
        labelKind: 'circle-name',
      },
    );
  });

  it('ignore anything that is not a usable door (anyone can announce anything)', () => {
    const ignored = [
      heard({ name: 'hearth-0123456789abcdef' }),
      heard({ txt: { v: '2', k: 'w', n: 'amber lantern' } }),
      heard({ txt: { v: '1', k: 'w', n: 'not safety words' } }),
      heard({ txt: { v: '1', k: 'c', n: 'line\nbreak' } }),
      heard({ txt: { v: '1', k: 'c', n: 'x'.repeat(81) } }),
      heard({ txt: { v: '1', k: 'x', n: 'amber lantern' } }),
      heard({ port: 0 }),
      heard({ addresses: ['8.8.8.8', 'fe80::1'] }),
      heard({ txt: null }),
    ];
    for (const service of ignored) expect(doorFromService(service)).toHaveProperty('ignored');
  });
});
