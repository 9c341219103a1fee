import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JoinCircle } from '../../../../../shared/ipc/contract';
import { toBase64Url } from '../../../../../shared/crypto/base64url';
import { randomBytes } from '../../../../../shared/crypto/random';
import { newId, type CircleId } from '../../../../../shared/notebook/ids';
import {
  openHearthServices,
  type HearthServices,
} from '../../../../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../../../../electron/main/services/keys/fileKeyVault';
import { capturedLogs } from '../../../../helpers/capturedLogs';

const backends: HearthServices[] = [];
let dataDir = '';
capturedLogs();

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hearth-join-'));
});

afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

async function start(now: () => number = Date.now): Promise<HearthServices['handlers']> {
  const backend = await openHearthServices({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: '0.1.0' },
    emit: () => undefined,
    now,
  });
  backends.push(backend);
  return backend.handlers;
}

function invite(overrides: Partial<JoinCircle> = {}): JoinCircle {
  return {
    circleId: newId<CircleId>(),
    circleKey: toBase64Url(randomBytes(32)),
    name: 'Wednesday Circle',
    memberName: 'Robin',
    colour: 'moss',
    colourChosen: true,
    endpoints: ['ws://192.168.1.20:4455'],
    turn: [],
    ...overrides,
  };
}

describe('joining a circle from an invite', () => {
  it('keeps it as a circle of its own, with a new member and no notebook yet', async () => {
    const handlers = await start(() => 5_000);
    const join = invite();
    const summary = await handlers['hearth:circles:join'](join);
    expect(summary).toEqual({
      id: join.circleId,
      name: 'Wednesday Circle',
      memberName: 'Robin',
      colour: 'moss',
      createdAt: 5_000,
      lastOpenedAt: 5_000,
    });
    expect(await handlers['hearth:circles:list']()).toEqual([summary]);
    const opened = await handlers['hearth:circles:open'](join.circleId);
    expect(opened.docIds).toEqual([]);
    expect(opened.profile).toMatchObject({
      circleId: join.circleId,
      circleKey: join.circleKey,
      memberName: 'Robin',
      inviteEndpoints: ['ws://192.168.1.20:4455'],
    });
    expect(opened.profile.memberId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await handlers['hearth:docs:load'](join.circleId, 'index' as never)).toBeNull();
  });

  it('keeps the joined circle, its key and its invite endpoints across a restart', async () => {
    const join = invite();
    const first = await start();
    await first['hearth:circles:join'](join);
    const memberId = (await first['hearth:circles:open'](join.circleId)).profile.memberId;
    await backends.pop()!.close();

    const second = await start();
    const opened = await second['hearth:circles:open'](join.circleId);
    expect(opened.profile).toMatchObject({
      memberId,
      circleKey: join.circleKey,
      inviteEndpoints: join.endpoints,
    });
  });

  it('keeps a guessed colour as a guess until it is settled, once, across a restart', async () => {
    const join = invite({ colour: 'moss', colourChosen: false });
    const first = await start();
    await first['hearth:circles:join'](join);
    expect((await first['hearth:circles:open'](join.circleId)).profile.colourByDefault).toBe(true);
    await backends.pop()!.close();

    const second = await start();
    expect((await second['hearth:circles:open'](join.circleId)).profile.colourByDefault).toBe(true);
    const summary = await second['hearth:circles:settle-colour'](join.circleId, 'dusk');
    expect(summary.colour).toBe('dusk');
    // Settled once: a second settling (another window) keeps the first.
    expect((await second['hearth:circles:settle-colour'](join.circleId, 'rose')).colour).toBe(
      'dusk',
    );
    await backends.pop()!.close();

    const third = await start();
    const { profile } = await third['hearth:circles:open'](join.circleId);
    expect(profile.colour).toBe('dusk');
    expect(profile.colourByDefault).toBeUndefined();
  });

  it('never settles a colour the member chose', async () => {
    const handlers = await start();
    const join = invite({ colour: 'moss', colourChosen: true });
    await handlers['hearth:circles:join'](join);
    expect((await handlers['hearth:circles:open'](join.circleId)).profile).not.toHaveProperty(
      'colourByDefault',
    );
    expect((await handlers['hearth:circles:settle-colour'](join.circleId, 'dusk')).colour).toBe(
      'moss',
    );
  });

  it('gives back the circle it already has when the same invite is opened again', async () => {
    const handlers = await start();
    const join = invite();
    const first = await handlers['hearth:circles:join'](join);
    const { memberId } = (await handlers['hearth:circles:open'](join.circleId)).profile;
    const again = await handlers['hearth:circles:join']({
      ...join,
      memberName: 'Someone Else',
      endpoints: ['ws://10.0.0.7:4455'],
    });
    expect(again).toMatchObject({ id: first.id, memberName: 'Robin' });
    const opened = await handlers['hearth:circles:open'](join.circleId);
    expect(opened.profile.memberId).toBe(memberId);
    // The newer invite's addresses come first: they are more likely to be current.
    expect(opened.profile.inviteEndpoints).toEqual([
      'ws://10.0.0.7:4455',
      'ws://192.168.1.20:4455',
    ]);
    expect(await handlers['hearth:circles:list']()).toHaveLength(1);
  });

  it('gives back a circle made on this laptop when its own invite is opened', async () => {
    const handlers = await start();
    const made = await handlers['hearth:circles:create']({
      name: 'Home',
      memberName: 'Sam',
      colour: 'ember',
    });
    const { profile } = await handlers['hearth:circles:open'](made.id);
    const summary = await handlers['hearth:circles:join'](
      invite({ circleId: made.id, circleKey: profile.circleKey, memberName: 'Sam' }),
    );
    expect(summary.id).toBe(made.id);
    expect((await handlers['hearth:circles:open'](made.id)).docIds).toEqual(['index']);
  });

  it('refuses an invite whose key differs from the circle this laptop has under that id', async () => {
    const handlers = await start();
    const join = invite();
    await handlers['hearth:circles:join'](join);
    const refused: unknown = await handlers['hearth:circles:join']({
      ...join,
      circleKey: toBase64Url(randomBytes(32)),
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'invalid-argument' });
    expect((refused as Error).message).toMatch(/different key/);
    expect((await handlers['hearth:circles:open'](join.circleId)).profile.circleKey).toBe(
      join.circleKey,
    );
  });

  it('makes one circle when one invite is opened twice at once', async () => {
    const handlers = await start();
    const join = invite();
    const results = await Promise.all([1, 2, 3].map(() => handlers['hearth:circles:join'](join)));
    expect(new Set(results.map((summary) => summary.id))).toEqual(new Set([join.circleId]));
    expect(await handlers['hearth:circles:list']()).toHaveLength(1);
  });
});
