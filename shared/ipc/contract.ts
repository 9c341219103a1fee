/**
 * The one contract between the renderer and the main process (or, in browser mode,
 * the local Node host). Version 1.
 *
 * - Channels are named `hearth:<domain>:<verb>`.
 * - {@link InvokeMap} lists every request: its argument tuple and its result.
 * - {@link EventMap} lists every event pushed to the renderer.
 * - {@link HearthApi} is what the renderer sees: the preload builds it over Electron
 *   IPC, the browser-mode client builds it over a local WebSocket, and the renderer
 *   cannot tell which.
 *
 * Arguments are untrusted on the receiving side and checked at run time against
 * `INVOKE_ARGUMENTS` in ./arguments.ts before any handler runs.
 */
import type { BackupRefusal } from '../backup/backupFile';
import type { ExportRequest } from '../export/exportOptions';
import type { CircleId, DocId, MemberId } from '../notebook/ids';
import type { MemberColour } from '../notebook/schema';

/** Bumped when a channel changes shape. */
export const IPC_CONTRACT_VERSION = 1;

/** Removes an event subscription. */
export type Unsubscribe = () => void;

/** Light, dark, or whatever the operating system prefers. */
export type ThemePreference = 'system' | 'light' | 'dark';

/** Text size steps offered in settings. */
export type TextSize = 'regular' | 'large' | 'larger';

/** The languages Hearth's words are written in (resources/locales/<code>.json). */
export const LANGUAGES = ['en', 'es'] as const;

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** The member's language: a chosen one, or whatever the system prefers. */
export type LanguagePreference = 'system' | Language;

/** How circle keys are kept on this laptop, in words the app explains to the member. */
export type KeyProtection =
  /** Sealed by the operating system's keychain (Keychain, DPAPI, Secret Service, KWallet). */
  | 'keychain'
  /** Linux without a keychain: Chromium's `basic_text`, which only obfuscates. */
  | 'basic-text'
  /** Browser mode: a key file in the data folder, readable by this user only. */
  | 'key-file';

/** The member's preferences on this laptop (never synced). */
export interface Settings {
  theme: ThemePreference;
  textSize: TextSize;
  lastCircleId: CircleId | null;
  /**
   * STUN/TURN servers for circles whose laptops cannot reach each other directly
   * (`stun:host:port`, `turn:user:pass@host:port`). Empty by default: nothing leaves the room.
   */
  iceServers: string[];
  /**
   * The member's region for crisis lines (ISO 3166-1 alpha-2, e.g. `GB`), or null to
   * follow this computer's locale.
   */
  region: string | null;
  /** The language of Hearth's words; `system` follows the operating system (or browser). */
  language: LanguagePreference;
}

/** One document's update in a `docs.appendMany` request. */
export interface DocAppend {
  docId: DocId;
  update: Uint8Array;
}

/** A signalling endpoint a laptop can meet its peers through (y-webrtc's protocol over WebSocket). */
export interface SignallingEndpoint {
  /** `ws://address:port`. */
  url: string;
  /** Where this laptop learned of it. */
  source: 'this-laptop' | 'discovered';
}

/** Where this laptop's private journal is kept: its documents are read and written like a circle's. */
export interface JournalInfo {
  journalId: CircleId;
}

/** What joining a circle from an invite needs (the invite itself is decoded in the renderer). */
export interface JoinCircle {
  circleId: CircleId;
  /** The circle key from the invite, base64url. */
  circleKey: string;
  /** The circle's name as written in the invite, until the notebook arrives. */
  name: string;
  memberName: string;
  colour: MemberColour;
  /** The signalling endpoints written in the invite, tried until the laptops meet. */
  endpoints: string[];
}

/** How Hearth is running. */
export interface AppInfo {
  /** `desktop` inside Electron; `browser` when served by the local Node host. */
  mode: 'desktop' | 'browser';
  version: string;
  contractVersion: number;
  /**
   * The operating system's preferred languages, most preferred first (desktop:
   * `app.getPreferredSystemLanguages()`); absent in browser mode, where the page reads
   * `navigator.languages`.
   */
  systemLanguages?: string[];
  /** How circle keys are kept on this laptop. */
  keyProtection?: KeyProtection;
}

/** What "Copy diagnostics" produced: the text, and whether main already copied it. */
export interface Diagnostics {
  text: string;
  /** True on the desktop, where main writes the clipboard; the page copies it otherwise. */
  copied: boolean;
}

/** A part of the page that failed to draw, reported to the log (never any content). */
export interface ProblemReport {
  /** Which screen or part: `notebook`, `sidebar`, `app`, … */
  where: string;
  /** The error's name (`TypeError`), never its message. */
  kind: string;
}

/** A circle as listed in the circle switcher. */
export interface CircleSummary {
  id: CircleId;
  name: string;
  memberName: string;
  colour: MemberColour;
  createdAt: number;
  lastOpenedAt: number;
}

/** Who this laptop is in a circle, and the circle's secret key. Kept only on this laptop. */
export interface CircleProfile {
  circleId: CircleId;
  memberId: MemberId;
  memberName: string;
  colour: MemberColour;
  /** The circle key: 32 random bytes, base64url. Never logged, never in awareness. */
  circleKey: string;
  createdAt: number;
  /** Signalling endpoints written in the invite this laptop joined with (`ws://host:port`). */
  inviteEndpoints: string[];
}

/** What the renderer needs to open a circle. */
export interface OpenedCircle {
  summary: CircleSummary;
  profile: CircleProfile;
  /** Every document stored for the circle. */
  docIds: DocId[];
}

/** What a member types to make a circle. */
export interface NewCircle {
  name: string;
  memberName: string;
  colour: MemberColour;
}

/** Something the member must be told about their files, in plain words. */
export interface StoreNotice {
  id: string;
  kind:
    | 'damaged-tail-dropped'
    | 'damaged-records-skipped'
    | 'unreadable-file-set-aside'
    | 'circle-locked';
  circleId: CircleId | null;
  circleName: string | null;
  docId: DocId | null;
  /** Where the untouched copy of the damaged file was put. */
  savedCopyPath: string | null;
  /** How many bytes of the file could not be read. */
  bytesLost: number;
  at: number;
}

/** Commands from the application menu that the renderer carries out. */
export type MenuCommand =
  | 'new-circle'
  | 'new-meeting'
  | 'new-entry'
  | 'toggle-theme'
  | 'open-settings'
  | 'focus-search'
  | 'invite'
  | 'join-circle'
  | 'export'
  | 'back-up'
  | 'restore'
  | 'import-markdown';

/**
 * Where an export or a backup went. Desktop: written where the member chose in the
 * native save dialog (`saved`), or the dialog was closed (`dismissed`). Browser mode:
 * the bytes come back for the page to download (several files arrive as one .zip).
 */
export type SaveOutcome =
  | { kind: 'saved'; fileCount: number }
  | { kind: 'download'; name: string; mediaType: string; bytes: Uint8Array }
  | { kind: 'dismissed' };

/** How an export ended, when it did not fail. */
export type ExportOutcome = SaveOutcome | { kind: 'cancelled' } | { kind: 'pdf-unavailable' };

/** How far an export job has got, in entries read. */
export interface ExportProgress {
  jobId: string;
  done: number;
  total: number;
}

/** How restoring a backup ended, when it did not fail. */
export type RestoreOutcome =
  | { kind: 'restored'; circle: CircleSummary }
  | { kind: 'refused'; reason: BackupRefusal | 'circle-exists' }
  | { kind: 'dismissed' };

/** What an open door announces: its nickname (two safety words) or the circle's name. */
export type DoorLabelKind = 'nickname' | 'circle-name';

/** What a facilitator chooses when opening the circle's door (shared/sync/DOOR.md). */
export interface OpenDoor {
  circleId: CircleId;
  /** The circle's name as the notebook has it now: written into the invite. */
  circleName: string;
  /** Announce the circle's name instead of the door's nickname. */
  showCircleName: boolean;
  /** How long the door stays open, 1–30 minutes. */
  minutes: number;
}

/** Someone knocking at this laptop's door, waiting for an answer. */
export interface WaitingKnock {
  knockId: string;
  memberName: string;
  colour: MemberColour;
  /** The four safety words both screens show. */
  words: string[];
  /** When the knock expires unanswered (ms since 1970). */
  expiresAt: number;
}

/** This laptop's open door. */
export interface DoorState {
  circleId: CircleId;
  /** The door's nickname, two safety words, shown so the room picks the right door. */
  nickname: string;
  /** What nearby laptops see: the nickname, or the circle's name. */
  label: string;
  labelKind: DoorLabelKind;
  /** When the door closes by itself (ms since 1970). */
  closesAt: number;
  /** False when this laptop cannot announce on the network (mDNS is off). */
  announced: boolean;
  knocks: WaitingKnock[];
  /** Who was let in while the door was open. */
  letIn: { memberName: string; colour: MemberColour }[];
}

/** A door open on the local network. */
export interface NearbyDoor {
  /** Names the door for knocking; random for each opening. */
  doorId: string;
  label: string;
  labelKind: DoorLabelKind;
}

/** A knock on a nearby door: who is knocking. */
export interface KnockRequest {
  doorId: string;
  memberName: string;
  colour: MemberColour;
}

/** Why a knock ended without joining. */
export type KnockEnd =
  'not-now' | 'door-closed' | 'expired' | 'busy' | 'unreachable' | 'broken' | 'join-failed';

/** How a knock is going, for the knocker's screen. */
export type KnockProgress =
  | { knockId: string; stage: 'knocking' }
  | { knockId: string; stage: 'words'; words: string[] }
  | { knockId: string; stage: 'joined'; circle: CircleSummary; safetyCode: string[] }
  | { knockId: string; stage: 'ended'; reason: KnockEnd };

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

/** The API the renderer uses, grouped by domain. */
export interface HearthApi {
  app: {
    info(): Promise<AppInfo>;
    /** Gathers diagnostics (and copies them, on the desktop). */
    diagnostics(): Promise<Diagnostics>;
    /** Notes in the log that a part of the page failed to draw. */
    reportProblem(problem: ProblemReport): Promise<void>;
    /** Asks the system to keep the screen on (true) or lets it sleep again (false). */
    keepAwake(awake: boolean): Promise<void>;
  };
  settings: {
    get(): Promise<Settings>;
    update(patch: Partial<Settings>): Promise<Settings>;
  };
  circles: {
    list(): Promise<CircleSummary[]>;
    create(circle: NewCircle): Promise<CircleSummary>;
    open(circleId: CircleId): Promise<OpenedCircle>;
    /** Keeps a circle joined from an invite; its notebook arrives from peers. */
    join(join: JoinCircle): Promise<CircleSummary>;
  };
  sync: {
    /** Signalling endpoints to meet peers through: this laptop's and those found nearby. */
    endpoints(): Promise<SignallingEndpoint[]>;
  };
  docs: {
    /** The stored state of a document (one merged Yjs update), or null if none. */
    load(circleId: CircleId, docId: DocId): Promise<Uint8Array | null>;
    /** Resolves once the update is on disk (fsync'd), within about half a second. */
    append(circleId: CircleId, docId: DocId, update: Uint8Array): Promise<void>;
    /** As `append`, for updates of many documents at once: one request instead of many. */
    appendMany(circleId: CircleId, appends: DocAppend[]): Promise<void>;
    /** Resolves once everything appended so far is on disk. */
    flush(): Promise<void>;
    /** Deletes a document's files; nothing of it stays on this laptop's disk. */
    remove(circleId: CircleId, docId: DocId): Promise<void>;
  };
  journal: {
    /** The private journal's id, making the journal on first use. */
    open(): Promise<JournalInfo>;
  };
  notices: {
    list(): Promise<StoreNotice[]>;
    dismiss(noticeId: string): Promise<void>;
  };
  export: {
    /** Builds and saves an export; `jobId` names it for progress and cancelling. */
    save(jobId: string, request: ExportRequest): Promise<ExportOutcome>;
    /** Stops a running export between two entries; nothing is saved. */
    cancel(jobId: string): Promise<void>;
  };
  backup: {
    /** Writes the whole circle into one file locked with `passphrase`. */
    create(circleId: CircleId, passphrase: string): Promise<SaveOutcome>;
    /** Brings a circle back from a backup; nothing changes on disk unless it succeeds. */
    restore(passphrase: string, file: Uint8Array | null): Promise<RestoreOutcome>;
  };
  door: {
    open(door: OpenDoor): Promise<DoorState>;
    close(): Promise<void>;
    state(): Promise<DoorState | null>;
    answer(knockId: string, answer: 'let-in' | 'not-now'): Promise<void>;
    nearby(): Promise<NearbyDoor[]>;
    knock(knock: KnockRequest): Promise<string>;
    leave(knockId: string): Promise<void>;
  };
  clipboard: {
    /** Puts text on the clipboard; resolves once it is there. */
    writeText(text: string): Promise<void>;
  };
  camera: {
    /** Says the QR reader opened or closed, so the camera is allowed only meanwhile. */
    reader(open: boolean): Promise<void>;
  };
  events: {
    onNotice(listener: (notice: StoreNotice) => void): Unsubscribe;
    onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
    onEndpoints(listener: (endpoints: SignallingEndpoint[]) => void): Unsubscribe;
    onInviteLink(listener: (link: string) => void): Unsubscribe;
    onExportProgress(listener: (progress: ExportProgress) => void): Unsubscribe;
    onDoorState(listener: (door: DoorState | null) => void): Unsubscribe;
    onNearbyDoors(listener: (doors: NearbyDoor[]) => void): Unsubscribe;
    onKnock(listener: (progress: KnockProgress) => void): Unsubscribe;
  };
}

/** Builds the renderer-side API from an invoke function and an event subscriber. */
export function buildHearthApi(
  invoke: <C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>) => Promise<InvokeResult<C>>,
  subscribe: <C extends EventChannel>(
    channel: C,
    listener: (payload: EventMap[C]) => void,
  ) => Unsubscribe,
): HearthApi {
  return {
    app: {
      info: () => invoke('hearth:app:info'),
      diagnostics: () => invoke('hearth:app:diagnostics'),
      reportProblem: (problem) => invoke('hearth:app:report-problem', problem),
      keepAwake: (awake) => invoke('hearth:app:keep-awake', awake),
    },
    settings: {
      get: () => invoke('hearth:settings:get'),
      update: (patch) => invoke('hearth:settings:update', patch),
    },
    circles: {
      list: () => invoke('hearth:circles:list'),
      create: (circle) => invoke('hearth:circles:create', circle),
      open: (circleId) => invoke('hearth:circles:open', circleId),
      join: (join) => invoke('hearth:circles:join', join),
    },
    sync: {
      endpoints: () => invoke('hearth:sync:endpoints'),
    },
    journal: {
      open: () => invoke('hearth:journal:open'),
    },
    docs: {
      load: (circleId, docId) => invoke('hearth:docs:load', circleId, docId),
      append: (circleId, docId, update) => invoke('hearth:docs:append', circleId, docId, update),
      appendMany: (circleId, appends) => invoke('hearth:docs:appendMany', circleId, appends),
      flush: () => invoke('hearth:docs:flush'),
      remove: (circleId, docId) => invoke('hearth:docs:remove', circleId, docId),
    },
    notices: {
      list: () => invoke('hearth:notices:list'),
      dismiss: (noticeId) => invoke('hearth:notices:dismiss', noticeId),
    },
    export: {
      save: (jobId, request) => invoke('hearth:export:save', jobId, request),
      cancel: (jobId) => invoke('hearth:export:cancel', jobId),
    },
    backup: {
      create: (circleId, passphrase) => invoke('hearth:backup:create', circleId, passphrase),
      restore: (passphrase, file) => invoke('hearth:backup:restore', passphrase, file),
    },
    door: {
      open: (door) => invoke('hearth:door:open', door),
      close: () => invoke('hearth:door:close'),
      state: () => invoke('hearth:door:state'),
      answer: (knockId, answer) => invoke('hearth:door:answer', knockId, answer),
      nearby: () => invoke('hearth:door:nearby'),
      knock: (knock) => invoke('hearth:door:knock', knock),
      leave: (knockId) => invoke('hearth:door:leave', knockId),
    },
    clipboard: {
      writeText: (text) => invoke('hearth:clipboard:write', text),
    },
    camera: {
      reader: (open) => invoke('hearth:camera:reader', open),
    },
    events: {
      onNotice: (listener) => subscribe('hearth:notices:added', listener),
      onMenuCommand: (listener) => subscribe('hearth:menu:command', listener),
      onEndpoints: (listener) => subscribe('hearth:sync:endpoints', listener),
      onInviteLink: (listener) => subscribe('hearth:app:invite-link', listener),
      onExportProgress: (listener) => subscribe('hearth:export:progress', listener),
      onDoorState: (listener) => subscribe('hearth:door:state', listener),
      onNearbyDoors: (listener) => subscribe('hearth:door:nearby', listener),
      onKnock: (listener) => subscribe('hearth:door:knock', listener),
    },
  };
}
