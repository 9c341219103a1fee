/**
 * Awareness updates from peers, checked before they reach an Awareness instance.
 *
 * Format (y-protocols awareness, unchanged): varUint count, then per client: varUint
 * clientID, varUint clock, varString JSON state (`null` when the client left).
 *
 * A peer can put anything in a state, and Lexical and the member list read those
 * states to draw cursors and names. So every state is rebuilt from the fields its kind
 * of document allows, with bounded sizes; anything else in it is dropped, a state
 * that does not fit becomes a removal, and no peer may write a state under one of this
 * laptop's own client ids. The result is re-encoded in the same format.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { isId } from '../notebook/ids';
import { LIMITS, MEMBER_COLOURS } from '../notebook/schema';
import type { Checked } from '../validate';

/** The largest awareness update accepted from a peer. */
export const MAX_AWARENESS_UPDATE_BYTES = 16 * 1024;
const MAX_CLIENTS_PER_UPDATE = 64;
const MAX_STATE_CHARS = 2048;

/** What a member's presence in a circle says (the index document's awareness). */
export interface CirclePresenceState {
  member: { id: string; name: string; colour: string };
  /** The entry the member is writing in, if any. */
  editing: string | null;
}

/** Rebuilds one state from the fields allowed, or returns null to drop it. */
export type StateCheck = (state: unknown) => Record<string, unknown> | null;

/** Member presence in the index document. */
export const checkPresenceState: StateCheck = (state) => {
  if (!isRecord(state) || !isRecord(state.member)) return null;
  const { id, name, colour } = state.member;
  if (!isId(id) || !isBoundedString(name, LIMITS.memberName)) return null;
  if (typeof colour !== 'string' || !(MEMBER_COLOURS as readonly string[]).includes(colour)) {
    return null;
  }
  const editing = state.editing === null || isId(state.editing) ? state.editing : null;
  return { member: { id, name, colour }, editing };
};

/** A collaborator's cursor in an entry, as Lexical's binding writes it. */
export const checkCursorState: StateCheck = (state) => {
  if (!isRecord(state)) return null;
  const { name, color, focusing, anchorPos, focusPos } = state;
  if (!isBoundedString(name, LIMITS.memberName)) return null;
  if (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color)) return null;
  const anchor = relativePosition(anchorPos);
  const focus = relativePosition(focusPos);
  if (anchor === undefined || focus === undefined) return null;
  return {
    name,
    color,
    focusing: focusing === true,
    anchorPos: anchor,
    focusPos: focus,
    awarenessData: {},
  };
};

/**
 * Checks and rebuilds an awareness update. `ownClients` are this laptop's client ids,
 * which no peer may speak for.
 */
export function sanitizeAwarenessUpdate(
  update: Uint8Array,
  check: StateCheck,
  ownClients: ReadonlySet<number>,
): Checked<Uint8Array> {
  if (update.length > MAX_AWARENESS_UPDATE_BYTES) {
    return { ok: false, reason: `an awareness update of ${update.length} bytes is too large` };
  }
  const kept: { clientID: number; clock: number; state: string }[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_CLIENTS_PER_UPDATE) {
      return { ok: false, reason: `an awareness update names ${count} clients` };
    }
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > MAX_STATE_CHARS)
        return { ok: false, reason: 'an awareness state is too large' };
      if (ownClients.has(clientID)) continue;
      const parsed: unknown = json === 'null' ? null : JSON.parse(json);
      const state = parsed === null ? null : check(parsed);
      kept.push({ clientID, clock, state: JSON.stringify(state) });
    }
    if (decoding.hasContent(decoder))
      return { ok: false, reason: 'an awareness update has extra bytes' };
  } catch {
    return { ok: false, reason: 'an awareness update could not be read' };
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const { clientID, clock, state } of kept) {
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return { ok: true, value: encoding.toUint8Array(encoder) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function isYjsId(value: unknown): value is { client: number; clock: number } {
  return (
    isRecord(value) &&
    Number.isSafeInteger(value.client) &&
    Number.isSafeInteger(value.clock) &&
    (value.client as number) >= 0 &&
    (value.clock as number) >= 0
  );
}

// A Y.RelativePosition as JSON; undefined means "does not fit" (null is a valid "none").
function relativePosition(value: unknown): Record<string, unknown> | null | undefined {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) return undefined;
  const { type, tname, item, assoc } = value;
  if (!(type === null || type === undefined || isYjsId(type))) return undefined;
  if (!(tname === null || tname === undefined || isBoundedString(tname, 64))) return undefined;
  if (!(item === null || item === undefined || isYjsId(item))) return undefined;
  if (!(assoc === undefined || Number.isSafeInteger(assoc))) return undefined;
  return {
    type: isYjsId(type) ? { client: type.client, clock: type.clock } : null,
    tname: typeof tname === 'string' ? tname : null,
    item: isYjsId(item) ? { client: item.client, clock: item.clock } : null,
    assoc: typeof assoc === 'number' ? assoc : 0,
  };
}
