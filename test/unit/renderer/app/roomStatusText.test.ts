import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../../resources/locales/en.json';
import es from '../../../../resources/locales/es.json';
import { roomStatusText, type RoomContext } from '../../../../renderer/src/app/roomStatusText';
import type { SyncStatus } from '../../../../renderer/src/sync/circleSync';

let t: TFunction;
let tEs: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'en',
    resources: { en: { translation: en }, es: { translation: es } },
    interpolation: { escapeValue: false },
  });
  t = i18n.getFixedT('en');
  tEs = i18n.getFixedT('es');
});

const alone: SyncStatus = {
  endpoints: 0,
  peers: [],
  paused: false,
  relayProblem: null,
  catchingUp: null,
};
const withBen: SyncStatus = {
  ...alone,
  peers: [
    {
      peerId: 'p1',
      memberId: 'ben',
      inStep: true,
      interrupted: false,
      path: 'direct',
      candidates: 'host/host',
      progress: { total: 0, done: 0 },
    },
  ],
};
const context = (hostLost: boolean): RoomContext => ({
  hostLost,
  nameOf: () => 'Ben',
  language: 'en',
});

describe('roomStatusText', () => {
  it('says the room is out of reach, and that everything stays on this laptop, only while Hearth runs', () => {
    expect(roomStatusText(t, alone, context(false))).toBe(
      'Not connected — everything stays on this laptop',
    );
    expect(roomStatusText(t, alone, context(true))).toBe(
      'Waiting for Hearth on this computer to start again…',
    );
  });

  it('says the links to other laptops still carry what is typed while Hearth is gone', () => {
    expect(roomStatusText(t, withBen, context(false))).toBe('Connected to 1 person');
    expect(roomStatusText(t, withBen, context(true))).toBe(
      'Waiting for Hearth on this computer — still connected to 1 person',
    );
    expect(roomStatusText(tEs, withBen, context(true))).toBe(
      'Esperando a Hearth en este ordenador; sigues conectado con 1 persona',
    );
  });

  it('does not call a laptop taken offline by choice safe on its disk while Hearth is gone', () => {
    const paused = { ...alone, paused: true };
    expect(roomStatusText(t, paused, context(false))).toBe(
      'Offline by choice — writing stays on this laptop',
    );
    expect(roomStatusText(t, paused, context(true))).toBe(
      'Waiting for Hearth on this computer to start again…',
    );
  });
});
