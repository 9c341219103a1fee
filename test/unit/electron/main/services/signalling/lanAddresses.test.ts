import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  isLanIPv4,
  isRoomAddress,
  lanListenAddresses,
} from '../../../../../../electron/main/services/signalling/lanAddresses';

describe('which addresses are in the room', () => {
  it('counts private, link-local and loopback IPv4 addresses, and nothing public', () => {
    for (const lan of ['10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.20', '169.254.3.9']) {
      expect(isLanIPv4(lan)).toBe(true);
    }
    for (const other of ['172.15.0.1', '172.32.0.1', '192.0.2.2', '8.8.8.8', '127.0.0.1']) {
      expect(isLanIPv4(other)).toBe(false);
    }
    expect(isRoomAddress('127.0.0.1')).toBe(true);
    expect(isRoomAddress('100.64.0.1')).toBe(false);
  });

  it('refuses what is not a dotted quad', () => {
    for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', 'fe80::1', '10.0.0.1 ', 'ten.0.0.1']) {
      expect(isRoomAddress(bad)).toBe(false);
    }
  });

  it('listens on loopback and each LAN IPv4 address, never a public or IPv6 one', () => {
    const info = (
      address: string,
      family: 'IPv4' | 'IPv6',
      internal = false,
    ): NetworkInterfaceInfo =>
      family === 'IPv4'
        ? { address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null }
        : {
            address,
            family,
            internal,
            netmask: '',
            mac: '00:00:00:00:00:00',
            cidr: null,
            scopeid: 0,
          };
    expect(
      lanListenAddresses({
        lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
        eth0: [info('192.0.2.2', 'IPv4'), info('fd00::2', 'IPv6')],
        wlan0: [info('192.168.1.20', 'IPv4'), info('fe80::1', 'IPv6')],
        usb0: [info('169.254.7.7', 'IPv4')],
      }),
    ).toEqual(['127.0.0.1', '192.168.1.20', '169.254.7.7']);
  });
});
