/**
 * An in-memory stand-in for main's services (HearthServices): every request channel of
 * the IPC contract, with nothing on disk. Used to test the browser-mode host, its bridge and
 * the renderer's browser-mode client without the real store.
 */
import * as Y from 'yjs';
import { toBase64Url } from '../../shared/crypto/base64url';
import { randomBytes } from '../../shared/crypto/random';
import {
  IPC_CONTRACT_VERSION,
  type CircleProfile,
  type CircleSummary,
  type EmitEvent,
  type InvokeHandlers,
  type Settings,
  type SignallingEndpoint,
  type StoreNotice,
} from '../../shared/ipc/contract';
import { HearthError } from '../../shared/ipc/errors';
import { BackupRefused, openBackupFile, sealBackupFile } from '../../shared/backup/backupFile';
import { decodeBackupPayload, encodeBackupPayload } from '../../shared/backup/backupPayload';
import { buildExport } from '../../shared/export/buildExport';
import { downloadShell } from '../../electron/main/services/exports/saveShell';
import { EntryTexts, type EntryTextFolder } from '../../electron/main/services/search/entryTexts';
import { DEFAULT_SETTINGS } from '../../electron/main/services/store/settingsFile';
import { StoredStates } from '../../electron/main/services/store/storedStates';
import {
  INDEX_DOC_ID,
  newId,
  type CircleId,
  type DocId,
  type MemberId,
} from '../../shared/notebook/ids';

/** The in-memory services, with its state open for tests to read and poke. */
export interface MemoryServices {
  handlers: InvokeHandlers;
  close(): Promise<void>;
  /** Stored updates per `circleId/docId`. */
  readonly updates: Map<string, Uint8Array[]>;
  readonly notices: StoreNotice[];
  /** Adds a notice and pushes it to the pages, as the real store does after a repair. */
  addNotice(notice: StoreNotice): void;
  /** How many times close() was called. */
  readonly closeCount: number;
  /** Replaces the signalling endpoints and pushes them to the pages, as discovery does. */
  setEndpoints(endpoints: SignallingEndpoint[]): void;
}

interface StoredCircle {
  summary: CircleSummary;
  profile: CircleProfile;
}

/** Makes an empty in-memory services that pushes events through `emit`. */
export function createMemoryServices(emit: EmitEvent): MemoryServices {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let endpoints: SignallingEndpoint[] = [];
  const circles = new Map<CircleId, StoredCircle>();
  const MEMORY_JOURNAL_ID = 'journaljournaljournal0' as CircleId;
  const updates = new Map<string, Uint8Array[]>();
  const notices: StoreNotice[] = [];
  let closeCount = 0;
  // Search reads entries' texts as main does, over the stored updates here.
  const entryTexts = new EntryTexts();
  const changeListeners = new Set<(key: string) => void>();
  const stored = (key: string, update: Uint8Array | null): void => {
    if (update === null) updates.delete(key);
    else updates.set(key, [...(updates.get(key) ?? []), update]);
    for (const listener of changeListeners) listener(key);
  };
  const folders = new Map<CircleId, EntryTextFolder>();
  const folderOf = (circleId: CircleId): EntryTextFolder => {
    let folder = folders.get(circleId);
    if (folder === undefined) {
      const prefix = `${circleId}/`;
      folder = {
        load: (docId) => {
          const state = updates.get(`${prefix}${docId}`);
          return Promise.resolve(state === undefined ? null : Y.mergeUpdates(state));
        },
        onDocChanged: (listener) => {
          const heard = (key: string): void => {
            if (key.startsWith(prefix)) listener(key.slice(prefix.length) as DocId);
          };
          changeListeners.add(heard);
          return () => changeListeners.delete(heard);
        },
      };
      folders.set(circleId, folder);
    }
    return folder;
  };

  const circle = (circleId: CircleId): StoredCircle => {
    const found = circles.get(circleId);
    if (found === undefined) throw new HearthError('not-found', 'no such circle');
    return found;
  };
  const storedStates = new StoredStates((circleId) => {
    circle(circleId);
    return Promise.resolve({
      load: (docId: DocId) => {
        const stored = updates.get(`${circleId}/${docId}`);
        return Promise.resolve(stored === undefined ? null : Y.mergeUpdates(stored));
      },
    });
  });

  const handlers: InvokeHandlers = {
    'hearth:app:info': () =>
      Promise.resolve({
        mode: 'browser',
        version: '0.0.0-test',
        contractVersion: IPC_CONTRACT_VERSION,
      }),
    'hearth:app:diagnostics': () => Promise.resolve({ text: 'Hearth 0.0.0-test', copied: false }),
    'hearth:app:report-problem': () => Promise.resolve(),
    'hearth:app:keep-awake': () => Promise.resolve(),
    'hearth:settings:get': () => Promise.resolve(settings),
    'hearth:settings:update': (patch) => {
      settings = { ...settings, ...patch };
      return Promise.resolve(settings);
    },
    'hearth:circles:list': () => Promise.resolve([...circles.values()].map((c) => c.summary)),
    'hearth:circles:create': (draft) => {
      const now = Date.now();
      const id = newId<CircleId>();
      const summary: CircleSummary = {
        id,
        name: draft.name,
        memberName: draft.memberName,
        colour: draft.colour,
        createdAt: now,
        lastOpenedAt: now,
      };
      const profile: CircleProfile = {
        circleId: id,
        memberId: newId<MemberId>(),
        memberName: draft.memberName,
        colour: draft.colour,
        circleKey: toBase64Url(randomBytes(32)),
        createdAt: now,
        inviteEndpoints: [],
      };
      circles.set(id, { summary, profile });
      return Promise.resolve(summary);
    },
    'hearth:circles:join': (join) => {
      // As the real store: the same invite again gives the circle back; another key is refused.
      const existing = circles.get(join.circleId);
      if (existing !== undefined) {
        if (existing.profile.circleKey !== join.circleKey) {
          return Promise.reject(
            new HearthError('invalid-argument', 'a circle with this id but another key'),
          );
        }
        return Promise.resolve(existing.summary);
      }
      const now = Date.now();
      const summary: CircleSummary = {
        id: join.circleId,
        name: join.name,
        memberName: join.memberName,
        colour: join.colour,
        createdAt: now,
        lastOpenedAt: now,
      };
      const profile: CircleProfile = {
        circleId: join.circleId,
        memberId: newId<MemberId>(),
        memberName: join.memberName,
        colour: join.colour,
        circleKey: join.circleKey,
        createdAt: now,
        inviteEndpoints: [...join.endpoints],
        ...(join.turn.length === 0 ? {} : { inviteTurn: [...join.turn] }),
        ...(join.colourChosen ? {} : { colourByDefault: true as const }),
      };
      circles.set(join.circleId, { summary, profile });
      return Promise.resolve(summary);
    },
    'hearth:circles:settle-colour': (circleId, colour) => {
      // As the real store: settled once.
      const stored = circle(circleId);
      if (stored.profile.colourByDefault !== true) return Promise.resolve(stored.summary);
      const { colourByDefault: _settled, ...profile } = stored.profile;
      const settled = { summary: { ...stored.summary, colour }, profile: { ...profile, colour } };
      circles.set(circleId, settled);
      return Promise.resolve(settled.summary);
    },
    'hearth:sync:endpoints': () => Promise.resolve([...endpoints]),
    'hearth:circles:open': (circleId) => {
      const { summary, profile } = circle(circleId);
      summary.lastOpenedAt = Date.now();
      const prefix = `${circleId}/`;
      const docIds = [...updates.keys()]
        .filter((key) => key.startsWith(prefix))
        .map((key) => key.slice(prefix.length) as DocId);
      if (!docIds.includes(INDEX_DOC_ID)) docIds.unshift(INDEX_DOC_ID);
      const index = updates.get(`${circleId}/${INDEX_DOC_ID}`);
      const indexState = index === undefined ? null : Y.mergeUpdates(index);
      return Promise.resolve({ summary, profile, docIds, indexState });
    },
    'hearth:docs:load': (circleId, docId) => {
      circle(circleId);
      const stored = updates.get(`${circleId}/${docId}`);
      return Promise.resolve(stored === undefined ? null : Y.mergeUpdates(stored));
    },
    'hearth:docs:append': (circleId, docId, update) => {
      circle(circleId);
      stored(`${circleId}/${docId}`, update);
      return Promise.resolve();
    },
    'hearth:docs:appendMany': (circleId, appends) => {
      circle(circleId);
      for (const { docId, update } of appends) stored(`${circleId}/${docId}`, update);
      return Promise.resolve();
    },
    'hearth:docs:flush': () => Promise.resolve(),
    'hearth:docs:remove': (circleId, docId) => {
      circle(circleId);
      stored(`${circleId}/${docId}`, null);
      return Promise.resolve();
    },
    'hearth:search:entryTexts': (circleId, entryIds) => {
      circle(circleId);
      return entryTexts.read(folderOf(circleId), entryIds);
    },
    // Stored documents answered from this copy, by main's own code.
    'hearth:docs:stateVectors': (circleId, docIds) => storedStates.stateVectors(circleId, docIds),
    'hearth:docs:diffs': (circleId, requests) => storedStates.diffs(circleId, requests),
    // The journal is one more folder that is never listed; here a fixed id is enough.
    'hearth:journal:open': () => Promise.resolve({ journalId: MEMORY_JOURNAL_ID }),
    'hearth:notices:list': () => Promise.resolve([...notices]),
    'hearth:notices:dismiss': (noticeId) => {
      const index = notices.findIndex((notice) => notice.id === noticeId);
      if (index >= 0) notices.splice(index, 1);
      return Promise.resolve();
    },
    // Exports and backups run the real shared code over the stored updates; downloads only.
    'hearth:export:save': async (_jobId, request) => {
      const { profile } = circle(request.circleId);
      const state = (docId: string): Uint8Array | null => {
        const stored = updates.get(`${request.circleId}/${docId}`);
        return stored === undefined ? null : Y.mergeUpdates(stored);
      };
      const indexState = state(INDEX_DOC_ID);
      if (indexState === null) throw new HearthError('not-found', 'no notebook yet');
      const built = await buildExport(
        { indexState, entryState: (id) => Promise.resolve(state(id)), memberId: profile.memberId },
        request.format,
        request.options,
      );
      if (built.kind === 'print') return { kind: 'pdf-unavailable' };
      return downloadShell().save({
        files: built.files,
        suggestedName: built.files[0]?.path.split('/')[0] ?? 'export',
        folder: request.format === 'markdown-folder',
        mediaType: 'text/plain',
      });
    },
    'hearth:export:cancel': () => Promise.resolve(),
    'hearth:backup:create': async (circleId, passphrase) => {
      const { profile, summary } = circle(circleId);
      const docs = new Map<DocId, Uint8Array>();
      for (const [key, stored] of updates) {
        if (key.startsWith(`${circleId}/`)) {
          docs.set(key.slice(circleId.length + 1) as DocId, Y.mergeUpdates(stored));
        }
      }
      const payload = encodeBackupPayload({
        createdAt: Date.now(),
        circle: { ...profile, name: summary.name },
        docs,
      });
      const bytes = await sealBackupFile(payload, passphrase, 100_000);
      return {
        kind: 'download',
        name: 'circle.hearthbackup',
        mediaType: 'application/octet-stream',
        bytes,
      };
    },
    'hearth:backup:restore': async (passphrase, file) => {
      if (file === null) return { kind: 'dismissed' };
      let opened: Uint8Array;
      try {
        opened = await openBackupFile(file, passphrase);
      } catch (error) {
        if (error instanceof BackupRefused) return { kind: 'refused', reason: error.reason };
        throw error;
      }
      const backup = decodeBackupPayload(opened);
      const { name, ...profile } = backup.circle;
      if (circles.has(profile.circleId)) return { kind: 'refused', reason: 'circle-exists' };
      const now = Date.now();
      const summary: CircleSummary = {
        id: profile.circleId,
        name,
        memberName: profile.memberName,
        colour: profile.colour,
        createdAt: profile.createdAt,
        lastOpenedAt: now,
      };
      circles.set(profile.circleId, { summary, profile });
      for (const [docId, state] of backup.docs) {
        stored(`${profile.circleId}/${docId}`, null);
        stored(`${profile.circleId}/${docId}`, state);
      }
      return { kind: 'restored', circle: summary };
    },
    // No network here: nothing is open nearby, and a door cannot open.
    'hearth:door:open': () => Promise.reject(new HearthError('internal', 'no network here')),
    'hearth:door:close': () => Promise.resolve(),
    'hearth:door:state': () => Promise.resolve(null),
    'hearth:door:answer': () => Promise.reject(new HearthError('not-found', 'no door')),
    'hearth:door:nearby': () => Promise.resolve([]),
    'hearth:door:knock': () => Promise.reject(new HearthError('not-found', 'no door')),
    'hearth:door:leave': () => Promise.resolve(),
    'hearth:clipboard:write': () => Promise.resolve(),
    'hearth:camera:reader': () => Promise.resolve(),
  };

  return {
    handlers,
    updates,
    notices,
    addNotice: (notice) => {
      notices.push(notice);
      emit('hearth:notices:added', notice);
    },
    setEndpoints: (next) => {
      endpoints = [...next];
      emit('hearth:sync:endpoints', [...endpoints]);
    },
    close: () => {
      closeCount++;
      return Promise.resolve();
    },
    get closeCount() {
      return closeCount;
    },
  };
}
