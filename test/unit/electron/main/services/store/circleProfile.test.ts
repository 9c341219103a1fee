import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../../../../../shared/crypto/random';
import type { CircleProfile } from '../../../../../../shared/ipc/contract';
import {
  decodeProfileFile,
  encodeProfileFile,
} from '../../../../../../electron/main/services/store/circleProfile';
import { testCircle } from './storeFixture';

describe('the circle profile file', () => {
  it('keeps the endpoints of the invite the laptop joined with', () => {
    const dataKey = randomBytes(32);
    const circle = testCircle();
    circle.profile.inviteEndpoints = ['ws://192.168.1.20:4455', 'ws://10.0.0.7:4455'];
    const read = decodeProfileFile(
      encodeProfileFile(circle, dataKey),
      dataKey,
      circle.profile.circleId,
    );
    expect(read).toEqual(circle);
  });

  it('reads a profile written before invites carried endpoints as having none', () => {
    const dataKey = randomBytes(32);
    const circle = testCircle();
    // What an older Hearth wrote: no inviteEndpoints field at all.
    const { inviteEndpoints: _none, ...older } = circle.profile;
    const file = encodeProfileFile({ ...circle, profile: older as CircleProfile }, dataKey);
    expect(
      decodeProfileFile(file, dataKey, circle.profile.circleId).profile.inviteEndpoints,
    ).toEqual([]);
  });
});
