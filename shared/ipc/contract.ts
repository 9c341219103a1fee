/**
 * The one contract between the renderer and the main process (or, in browser mode,
 * the local Node host). Version 1.
 *
 * - Channels are named `hearth:<domain>:<verb>`.
 * - {@link InvokeMap} lists every request: its argument tuple and its result.
 * - {@link EventMap} lists every event pushed to the renderer.
 * - {@link HEARTH_API_REQUESTS} and {@link HEARTH_API_EVENTS} name the method the renderer
 *   calls for each channel; {@link HearthApi}, what the renderer sees, is derived from
 *   them, and the compiler refuses a channel that no method reaches.
 * - The preload builds the API over Electron IPC, the browser-mode client over a local
 *   WebSocket; both answer every channel the same way (electron/main/ipc/dispatch.ts),
 *   and where the two must differ the renderer asks which it has
 *   (renderer/src/lib/hearthApi.ts, `isDesktop`).
 *
 * Adding a channel: its entry in {@link InvokeMap} (or {@link EventMap}), its method in the
 * table below, its argument check in ./arguments.ts, and its handler in the domain's slice
 * next to its service (electron/main/services/). The compiler finds any of these missing.
 *
 * Payload types live in one file per domain (./app.ts, ./settings.ts, ./circles.ts,
 * ./saving.ts, ./door.ts, ./search.ts) and are re-exported here. Arguments are untrusted on the
 * receiving side and checked at run time against `INVOKE_ARGUMENTS` in ./arguments.ts
 * before any handler runs.
 */
import type { ExportRequest } from '../export/exportOptions';
import type { CircleId, DocId, EntryId } from '../notebook/ids';
import type { MemberColour } from '../notebook/schema';
import type { AppInfo, Diagnostics, MenuCommand, ProblemReport } from './app';
import type {
  CircleSummary,
  DocAppend,
  JoinCircle,
  JournalInfo,
  NewCircle,
  OpenedCircle,
  SignallingEndpoint,
  StoreNotice,
} from './circles';
import type { DoorState, KnockProgress, KnockRequest, NearbyDoor, OpenDoor } from './door';
import type { ExportOutcome, ExportProgress, RestoreOutcome, SaveOutcome } from './saving';
import type { StoredEntryText } from './search';
import type { Settings } from './settings';
import type { StoredDiff, StoredDiffRequest, StoredStateVector } from './storedDocs';

export type * from './app';
export type * from './circles';
export type * from './door';
export type * from './saving';
export * from './search';
export * from './storedDocs';
export * from './settings';

/** Bumped when a channel changes shape. */
export const IPC_CONTRACT_VERSION = 1;

/** Removes an event subscription. */
export type Unsubscribe = () => void;

/** Every request the renderer can make: channel -> arguments and result. */
export interface InvokeMap {
  'hearth:app:info': { args: []; result: AppInfo };
  /** Versions, settings and the log's last lines, for the member to send to whoever helps. */
  'hearth:app:diagnostics': { args: []; result: Diagnostics };
  /** Records in the log that a part of the page failed (the error screen was shown). */
  'hearth:app:report-problem': { args: [problem: ProblemReport]; result: void };
  /** Keeps the display awake while a round runs (desktop: a power-save blocker). */
  'hearth:app:keep-awake': { args: [awake: boolean]; result: void };
  'hearth:settings:get': { args: []; result: Settings };
  'hearth:settings:update': { args: [patch: Partial<Settings>]; result: Settings };
  'hearth:circles:list': { args: []; result: CircleSummary[] };
  'hearth:circles:create': { args: [circle: NewCircle]; result: CircleSummary };
  'hearth:circles:open': { args: [circleId: CircleId]; result: OpenedCircle };
  'hearth:circles:join': { args: [join: JoinCircle]; result: CircleSummary };
  /** Keeps the colour a newcomer settled on once the circle's members were known. */
  'hearth:circles:settle-colour': {
    args: [circleId: CircleId, colour: MemberColour];
    result: CircleSummary;
  };
  'hearth:sync:endpoints': { args: []; result: SignallingEndpoint[] };
  'hearth:docs:load': {
    args: [circleId: CircleId, docId: DocId];
    result: Uint8Array | null;
  };
  'hearth:docs:append': {
    args: [circleId: CircleId, docId: DocId, update: Uint8Array];
    result: void;
  };
  /** Appends updates of many documents in one request (a laptop joining a circle). */
  'hearth:docs:appendMany': { args: [circleId: CircleId, appends: DocAppend[]]; result: void };
  'hearth:docs:flush': { args: []; result: void };
  /** Deletes a document's files (an entry withdrawn by its author): its words leave the disk. */
  'hearth:docs:remove': { args: [circleId: CircleId, docId: DocId]; result: void };
  /** The plain texts of some of a circle's entries, from main's store (search). */
  'hearth:search:entryTexts': {
    args: [circleId: CircleId, entryIds: EntryId[]];
    result: StoredEntryText[];
  };
  // Stored documents answered from main's copy (./storedDocs.ts).
  /** The stored state vector of each document named, in the order named. */
  'hearth:docs:stateVectors': {
    args: [circleId: CircleId, docIds: DocId[]];
    result: StoredStateVector[];
  };
  /**
   * What each document stores beyond the state vector given, in the order asked; the
   * answer may stop early at about MAX_STORED_DIFF_BYTES (ask again for the rest).
   */
  'hearth:docs:diffs': {
    args: [circleId: CircleId, requests: StoredDiffRequest[]];
    result: StoredDiff[];
  };
  /** This laptop's private journal (a store of its own, never synced), made on first use. */
  'hearth:journal:open': { args: []; result: JournalInfo };
  'hearth:notices:list': { args: []; result: StoreNotice[] };
  'hearth:notices:dismiss': { args: [noticeId: string]; result: void };
  /** Builds an export in main (progress as `hearth:export:progress` events) and saves it. */
  'hearth:export:save': { args: [jobId: string, request: ExportRequest]; result: ExportOutcome };
  'hearth:export:cancel': { args: [jobId: string]; result: void };
  'hearth:backup:create': { args: [circleId: CircleId, passphrase: string]; result: SaveOutcome };
  /** `file` is the backup's bytes (browser mode), or null to choose it in a native dialog. */
  'hearth:backup:restore': {
    args: [passphrase: string, file: Uint8Array | null];
    result: RestoreOutcome;
  };
  /** Opens the circle's door for a few minutes (one door per laptop; reopening replaces it). */
  'hearth:door:open': { args: [door: OpenDoor]; result: DoorState };
  /** Closes the door, telling anyone still knocking. */
  'hearth:door:close': { args: []; result: void };
  /** The open door, or null. */
  'hearth:door:state': { args: []; result: DoorState | null };
  /** The facilitator's answer to a knock. */
  'hearth:door:answer': { args: [knockId: string, answer: 'let-in' | 'not-now']; result: void };
  /** The doors open nearby now; also keeps listening for them for a while. */
  'hearth:door:nearby': { args: []; result: NearbyDoor[] };
  /** Knocks on a nearby door; progress arrives as `hearth:door:knock` events. */
  'hearth:door:knock': { args: [knock: KnockRequest]; result: string };
  /** Stops knocking. */
  'hearth:door:leave': { args: [knockId: string]; result: void };
  /** Puts text on the system clipboard (desktop); browser mode writes from the page. */
  'hearth:clipboard:write': { args: [text: string]; result: void };
  /** The QR reader opened or closed: the camera is allowed to Hearth's page only while open. */
  'hearth:camera:reader': { args: [open: boolean]; result: void };
}

/** Every event pushed to the renderer: channel -> payload. */
export interface EventMap {
  'hearth:notices:added': StoreNotice;
  'hearth:menu:command': MenuCommand;
  /** The endpoints changed (one found or lost on the network). */
  'hearth:sync:endpoints': SignallingEndpoint[];
  /** The operating system opened a `hearth://` invite link with Hearth. */
  'hearth:app:invite-link': string;
  'hearth:export:progress': ExportProgress;
  /** This laptop's door opened, changed (a knock came or went) or closed (null). */
  'hearth:door:state': DoorState | null;
  /** The doors open nearby changed. */
  'hearth:door:nearby': NearbyDoor[];
  /** A knock made from this laptop moved on. */
  'hearth:door:knock': KnockProgress;
}

/** A request channel name. */
export type InvokeChannel = keyof InvokeMap;
/** An event channel name. */
export type EventChannel = keyof EventMap;

/** The arguments of a request channel. */
export type InvokeArgs<C extends InvokeChannel> = InvokeMap[C]['args'];
/** The result of a request channel. */
export type InvokeResult<C extends InvokeChannel> = InvokeMap[C]['result'];

/** The server side of the contract: one async function per request channel. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>>;
};

/** Pushes an event to the renderer(s). */
export type EmitEvent = <C extends EventChannel>(channel: C, payload: EventMap[C]) => void;

/** Which request channel each method of the renderer's API calls, grouped by domain. */
export const HEARTH_API_REQUESTS = {
  app: {
    info: 'hearth:app:info',
    /** Gathers diagnostics (and copies them, on the desktop). */
    diagnostics: 'hearth:app:diagnostics',
    /** Notes in the log that a part of the page failed to draw. */
    reportProblem: 'hearth:app:report-problem',
    /** Asks the system to keep the screen on (true) or lets it sleep again (false). */
    keepAwake: 'hearth:app:keep-awake',
  },
  settings: {
    get: 'hearth:settings:get',
    update: 'hearth:settings:update',
  },
  circles: {
    list: 'hearth:circles:list',
    create: 'hearth:circles:create',
    open: 'hearth:circles:open',
    /** Keeps a circle joined from an invite; its notebook arrives from peers. */
    join: 'hearth:circles:join',
    /** Keeps the colour a member who joined without choosing one settled on. */
    settleColour: 'hearth:circles:settle-colour',
  },
  sync: {
    /** Signalling endpoints to meet peers through: this laptop's and those found nearby. */
    endpoints: 'hearth:sync:endpoints',
  },
  journal: {
    /** The private journal's id, making the journal on first use. */
    open: 'hearth:journal:open',
  },
  docs: {
    /** The stored state of a document (one merged Yjs update), or null if none. */
    load: 'hearth:docs:load',
    /** Resolves once the update is on disk (fsync'd), within about half a second. */
    append: 'hearth:docs:append',
    /** As `append`, for updates of many documents at once: one request instead of many. */
    appendMany: 'hearth:docs:appendMany',
    /** Resolves once everything appended so far is on disk. */
    flush: 'hearth:docs:flush',
    /** Deletes a document's files; nothing of it stays on this laptop's disk. */
    remove: 'hearth:docs:remove',
    /** The stored state vectors of many documents, read from main's copy without loading them here. */
    stateVectors: 'hearth:docs:stateVectors',
    /** What many stored documents hold beyond given state vectors (a prefix of them if large). */
    diffs: 'hearth:docs:diffs',
  },
  search: {
    /** Entries' words from the store, in the order asked (at most 256 a request). */
    entryTexts: 'hearth:search:entryTexts',
  },
  notices: {
    list: 'hearth:notices:list',
    dismiss: 'hearth:notices:dismiss',
  },
  export: {
    /** Builds and saves an export; `jobId` names it for progress and cancelling. */
    save: 'hearth:export:save',
    /** Stops a running export between two entries; nothing is saved. */
    cancel: 'hearth:export:cancel',
  },
  backup: {
    /** Writes the whole circle into one file locked with `passphrase`. */
    create: 'hearth:backup:create',
    /** Brings a circle back from a backup; nothing changes on disk unless it succeeds. */
    restore: 'hearth:backup:restore',
  },
  door: {
    open: 'hearth:door:open',
    close: 'hearth:door:close',
    state: 'hearth:door:state',
    answer: 'hearth:door:answer',
    nearby: 'hearth:door:nearby',
    knock: 'hearth:door:knock',
    leave: 'hearth:door:leave',
  },
  clipboard: {
    /** Puts text on the clipboard; resolves once it is there. */
    writeText: 'hearth:clipboard:write',
  },
  camera: {
    /** Says the QR reader opened or closed, so the camera is allowed only meanwhile. */
    reader: 'hearth:camera:reader',
  },
} as const satisfies RequestTable;

/** Which event channel each subscription of the renderer's API listens on. */
export const HEARTH_API_EVENTS = {
  onNotice: 'hearth:notices:added',
  onMenuCommand: 'hearth:menu:command',
  onEndpoints: 'hearth:sync:endpoints',
  onInviteLink: 'hearth:app:invite-link',
  onExportProgress: 'hearth:export:progress',
  onDoorState: 'hearth:door:state',
  onNearbyDoors: 'hearth:door:nearby',
  onKnock: 'hearth:door:knock',
} as const satisfies EventTable;

/** Method names to request channels, grouped by domain. */
export type RequestTable = Readonly<Record<string, Readonly<Record<string, InvokeChannel>>>>;
/** Subscription names to event channels. */
export type EventTable = Readonly<Record<string, EventChannel>>;

/** The API a pair of tables describes: one method per request, one subscription per event. */
export type ApiOf<R extends RequestTable, E extends EventTable> = {
  readonly [D in keyof R]: {
    readonly [M in keyof R[D]]: (...args: InvokeArgs<R[D][M]>) => Promise<InvokeResult<R[D][M]>>;
  };
} & {
  readonly events: {
    readonly [K in keyof E]: (listener: (payload: EventMap[E[K]]) => void) => Unsubscribe;
  };
};

/** The API the renderer uses, grouped by domain (`window.hearth` on the desktop). */
export type HearthApi = ApiOf<typeof HEARTH_API_REQUESTS, typeof HEARTH_API_EVENTS>;

type ReachedBy<R extends RequestTable> = { [D in keyof R]: R[D][keyof R[D]] }[keyof R];
type Unreached<R extends RequestTable, E extends EventTable> =
  Exclude<InvokeChannel, ReachedBy<R>> | Exclude<EventChannel, E[keyof E]>;

/** Nothing for tables that reach every channel; otherwise a type naming what they miss. */
export type ReachesEveryChannel<R extends RequestTable, E extends EventTable> = [
  Unreached<R, E>,
] extends [never]
  ? unknown
  : { unreached: Unreached<R, E> };

/** Sends one request (Electron IPC, or the browser-mode WebSocket). */
export type Invoke = <C extends InvokeChannel>(
  channel: C,
  ...args: InvokeArgs<C>
) => Promise<InvokeResult<C>>;

/** Listens on one event channel until the returned function is called. */
export type Subscribe = <C extends EventChannel>(
  channel: C,
  listener: (payload: EventMap[C]) => void,
) => Unsubscribe;

/**
 * Builds the API two tables describe over an invoke function and an event subscriber; the
 * tables must reach every channel of the contract.
 */
export function apiFromTables<R extends RequestTable, E extends EventTable>(
  requests: R,
  // The compiler refuses tables that leave a channel unreached, and names it.
  events: E & ReachesEveryChannel<R, E>,
  invoke: Invoke,
  subscribe: Subscribe,
): ApiOf<R, E> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [domain, methods] of Object.entries(requests)) {
    api[domain] = Object.fromEntries(
      Object.entries(methods).map(([name, channel]) => [
        name,
        // The table's types say which arguments each channel takes; main checks them again.
        (...args: never[]) => invoke(channel, ...(args as InvokeArgs<typeof channel>)),
      ]),
    );
  }
  api.events = Object.fromEntries(
    Object.entries(events).map(([name, channel]) => [
      name,
      (listener: (payload: EventMap[typeof channel]) => void) => subscribe(channel, listener),
    ]),
  );
  // The loops above build exactly the mapped type; TypeScript cannot follow Object.entries.
  return api as ApiOf<R, E>;
}

/** Builds the renderer-side API from an invoke function and an event subscriber. */
export function buildHearthApi(invoke: Invoke, subscribe: Subscribe): HearthApi {
  return apiFromTables(HEARTH_API_REQUESTS, HEARTH_API_EVENTS, invoke, subscribe);
}
