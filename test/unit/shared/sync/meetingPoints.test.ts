import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  mergeMeetingPoints,
  meetingPointsProblem,
  signallingProblem,
  turnCredentialExpiry,
  turnServerProblem,
  turnUrlProblem,
} from '../../../../shared/sync/meetingPoints';
import { restCredentials } from '../../../../shared/sync/turnCredentials';

describe('meeting points beyond the room', () => {
  it('accepts ws:// and wss:// signalling, with or without a port and a path', () => {
    for (const address of [
      'ws://192.168.1.20:4444',
      'wss://signal.example.org',
      'wss://signal.example.org:8443/hearth',
      'ws://[2001:db8::1]:4444',
    ]) {
      expect(signallingProblem(address), address).toBeNull();
    }
  });

  it('says why a signalling address is refused', () => {
    expect(signallingProblem('https://signal.example.org')).toBe('not-signalling-scheme');
    expect(signallingProblem('signal.example.org')).toBe('not-a-url');
    expect(signallingProblem('wss://300.1.1.1')).toBe('not-a-url');
    expect(signallingProblem('wss://host:0')).toBe('not-a-url');
    expect(signallingProblem(`wss://${'a'.repeat(130)}`)).toBe('too-long');
  });

  it('accepts turn: and turns: relays and refuses other schemes', () => {
    expect(turnUrlProblem('turn:203.0.113.5:3478')).toBeNull();
    expect(turnUrlProblem('turns:relay.example.org:5349?transport=tcp')).toBeNull();
    expect(turnUrlProblem('stun:203.0.113.5:3478')).toBe('not-turn-scheme');
    expect(turnUrlProblem('https://relay.example.org')).toBe('not-turn-scheme');
    expect(turnUrlProblem('relay.example.org')).toBe('not-a-url');
    expect(turnUrlProblem('turn:relay.example.org?transport=sctp')).toBe('not-a-url');
    const relay = { url: 'turn:203.0.113.5', username: 'ana', credential: 'x' };
    expect(turnServerProblem({ ...relay, username: '' })).toBe('no-username');
    expect(turnServerProblem({ ...relay, credential: '' })).toBe('no-credential');
    expect(meetingPointsProblem({ signalling: [], turn: [relay, relay, relay, relay] })).toBe(
      'too-many',
    );
  });

  it('derives coturn REST credentials as coturn checks them (HMAC-SHA-1, base64)', async () => {
    const now = Date.UTC(2026, 11, 7);
    const server = await restCredentials('turn:203.0.113.5:3478', 'north-wind', {
      name: 'circle',
      now,
      validityMs: 3600_000,
    });
    expect(server.username).toBe(`${now / 1000 + 3600}:circle`);
    const expected = createHmac('sha1', 'north-wind').update(server.username).digest('base64');
    expect(server.credential).toBe(expected);
    expect(turnCredentialExpiry(server)).toBe(now + 3600_000);
    expect(turnServerProblem(server)).toBeNull();
    expect(turnCredentialExpiry({ ...server, username: 'ana' })).toBeNull();
  });

  it('merges lists without repeating an address or a relay', () => {
    const relay = { url: 'turn:203.0.113.5', username: 'ana', credential: 'x' };
    expect(
      mergeMeetingPoints(
        { signalling: ['wss://a.example.org'], turn: [relay] },
        { signalling: ['wss://a.example.org', 'ws://10.0.0.1:4444'], turn: [relay] },
      ),
    ).toEqual({ signalling: ['wss://a.example.org', 'ws://10.0.0.1:4444'], turn: [relay] });
  });
});
