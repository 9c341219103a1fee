/**
 * Run-time checks of every request's arguments. The receiving side (Electron main or
 * the browser-mode host) refuses a request whose arguments fail here before any
 * handler sees them: the renderer is treated as untrusted input.
 */
import * as v from '../validate';
import { checkExportRequest } from '../export/exportOptions';
import type { CircleId, DocId, EntryId } from '../notebook/ids';
import { LIMITS, MEMBER_COLOURS } from '../notebook/schema';
import { signallingAddressCheck, turnServersCheck } from '../sync/meetingPoints';
import { MAX_STATE_VECTOR_BYTES, MAX_STORED_DOCS_PER_REQUEST } from './storedDocs';
import {
  HEARTH_API_EVENTS,
  LANGUAGES,
  MAX_ENTRY_TEXTS_PER_REQUEST,
  type EventChannel,
  type InvokeArgs,
  type InvokeChannel,
} from './contract';

/** The largest backup file the page may hand over (it crosses the bridge in one frame). */
export const MAX_BACKUP_BYTES = 60 * 1024 * 1024;

// A job id the page makes up for one export: random, so one page cannot guess another's.
const jobId = v.string({ min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });
// Long enough for a diceware phrase, short enough to bound the key derivation's input.
const passphrase = v.string({ min: 1, max: 1024 });

/** The longest text the page may put on the clipboard (an invite is about 200 characters). */
export const MAX_CLIPBOARD_CHARS = 4096;
// A knock's id, made by main: random base64url.
const knockId = v.string({ min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });

/** The largest single update the renderer may append (a very long paste). */
export const MAX_UPDATE_BYTES = 32 * 1024 * 1024;
/** The most updates one `docs.appendMany` request may carry (the wire bounds their bytes). */
export const MAX_APPENDS_PER_REQUEST = 1024;

const circleId = v.branded<CircleId>(v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]+$/ }));
const docId = v.branded<DocId>(
  v.string({ min: 5, max: 22, pattern: /^(index|[A-Za-z0-9_-]{22})$/ }),
);
const entryId = v.branded<EntryId>(v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]+$/ }));
// Names are shown to other people: no control characters, no leading or trailing space.
const displayText = (max: number): v.Check<string> =>
  v.string({ min: 1, max, pattern: /^(?!\s)[^\p{Cc}]*(?<!\s)$/u });

// stun:/turn:/turns: URLs as RTCPeerConnection takes them; nothing else reaches the ICE agent.
const iceServer = v.string({ min: 6, max: 300, pattern: /^(stun|turns?):[^\s]+$/ });

/** A signalling endpoint as written in an invite: ws:// (or wss://), host and port, no path. */
const endpointUrl = signallingAddressCheck;

const settingsPatch = v.partial({
  theme: v.oneOf(['system', 'light', 'dark'] as const),
  textSize: v.oneOf(['regular', 'large', 'larger'] as const),
  lastCircleId: v.nullable(circleId),
  iceServers: v.array(iceServer, { max: 8 }),
  region: v.nullable(v.string({ min: 2, max: 2, pattern: /^[A-Z]{2}$/ })),
  language: v.oneOf(['system', ...LANGUAGES] as const),
});

/** One argument check per request channel. */
export const INVOKE_ARGUMENTS: { [C in InvokeChannel]: v.Check<InvokeArgs<C>> } = {
  'hearth:app:info': v.tuple(),
  'hearth:app:diagnostics': v.tuple(),
  'hearth:app:report-problem': v.tuple(
    v.object({
      where: v.string({ min: 1, max: 40, pattern: /^[a-z][a-z-]*$/ }),
      kind: v.string({ min: 1, max: 60, pattern: /^[A-Za-z][A-Za-z0-9_$.]*$/ }),
    }),
  ),
  'hearth:app:keep-awake': v.tuple(v.boolean),
  'hearth:settings:get': v.tuple(),
  'hearth:settings:update': v.tuple(settingsPatch),
  'hearth:circles:list': v.tuple(),
  'hearth:circles:create': v.tuple(
    v.object({
      name: displayText(LIMITS.circleName),
      memberName: displayText(LIMITS.memberName),
      colour: v.oneOf(MEMBER_COLOURS),
    }),
  ),
  'hearth:circles:open': v.tuple(circleId),
  'hearth:circles:join': v.tuple(
    v.object({
      circleId,
      circleKey: v.string({ min: 43, max: 43, pattern: /^[A-Za-z0-9_-]{43}$/ }),
      name: displayText(LIMITS.circleName),
      memberName: displayText(LIMITS.memberName),
      colour: v.oneOf(MEMBER_COLOURS),
      colourChosen: v.boolean,
      endpoints: v.array(endpointUrl, { max: 8 }),
      turn: turnServersCheck,
    }),
  ),
  'hearth:circles:settle-colour': v.tuple(circleId, v.oneOf(MEMBER_COLOURS)),
  'hearth:sync:endpoints': v.tuple(),
  'hearth:docs:load': v.tuple(circleId, docId),
  'hearth:docs:append': v.tuple(circleId, docId, v.bytes({ max: MAX_UPDATE_BYTES })),
  'hearth:docs:appendMany': v.tuple(
    circleId,
    v.array(v.object({ docId, update: v.bytes({ max: MAX_UPDATE_BYTES }) }), {
      max: MAX_APPENDS_PER_REQUEST,
    }),
  ),
  'hearth:docs:flush': v.tuple(),
  'hearth:docs:remove': v.tuple(circleId, docId),
  'hearth:search:entryTexts': v.tuple(
    circleId,
    v.array(entryId, { max: MAX_ENTRY_TEXTS_PER_REQUEST }),
  ),
  // Stored documents answered from main's copy (./storedDocs.ts).
  'hearth:docs:stateVectors': v.tuple(
    circleId,
    v.array(docId, { max: MAX_STORED_DOCS_PER_REQUEST }),
  ),
  'hearth:docs:diffs': v.tuple(
    circleId,
    v.array(v.object({ docId, stateVector: v.bytes({ max: MAX_STATE_VECTOR_BYTES }) }), {
      max: MAX_STORED_DOCS_PER_REQUEST,
    }),
  ),
  'hearth:journal:open': v.tuple(),
  'hearth:notices:list': v.tuple(),
  'hearth:notices:dismiss': v.tuple(v.string({ min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/ })),
  'hearth:export:save': v.tuple(jobId, checkExportRequest),
  'hearth:export:cancel': v.tuple(jobId),
  'hearth:backup:create': v.tuple(circleId, passphrase),
  'hearth:backup:restore': v.tuple(passphrase, v.nullable(v.bytes({ max: MAX_BACKUP_BYTES }))),
  'hearth:door:open': v.tuple(
    v.object({
      circleId,
      circleName: displayText(LIMITS.circleName),
      showCircleName: v.boolean,
      minutes: v.number({ min: 1, max: 30, integer: true }),
    }),
  ),
  'hearth:door:close': v.tuple(),
  'hearth:door:state': v.tuple(),
  'hearth:door:answer': v.tuple(knockId, v.oneOf(['let-in', 'not-now'] as const)),
  'hearth:door:nearby': v.tuple(),
  'hearth:door:knock': v.tuple(
    v.object({
      doorId: v.string({ min: 21, max: 21, pattern: /^door-[0-9a-f]{16}$/ }),
      memberName: displayText(LIMITS.memberName),
      colour: v.oneOf(MEMBER_COLOURS),
      colourChosen: v.boolean,
    }),
  ),
  'hearth:door:leave': v.tuple(knockId),
  'hearth:clipboard:write': v.tuple(v.string({ min: 1, max: MAX_CLIPBOARD_CHARS })),
  'hearth:camera:reader': v.tuple(v.boolean),
};

/** Every request channel, for allow-lists. */
export const INVOKE_CHANNELS = Object.keys(INVOKE_ARGUMENTS) as InvokeChannel[];

/**
 * Every event channel, for allow-lists: those the renderer's API listens on, which the
 * contract's compile-time check keeps equal to `EventMap`'s keys.
 */
export const EVENT_CHANNELS: readonly EventChannel[] = Object.values(HEARTH_API_EVENTS);

/** True when `channel` is a known request channel. */
export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.hasOwn(INVOKE_ARGUMENTS, channel);
}

/** Checks a request's arguments; the reason names the channel and the failing argument. */
export function checkInvokeArguments<C extends InvokeChannel>(
  channel: C,
  args: unknown,
): v.Checked<InvokeArgs<C>> {
  return INVOKE_ARGUMENTS[channel](args, channel);
}
