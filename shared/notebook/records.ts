/**
 * Checks for records read from the index document. Extra fields are ignored (a newer
 * Hearth on another laptop may add some); missing or mistyped ones refuse the record.
 */
import * as v from '../validate';
import { isId } from './ids';
import type { CircleId, MeetingId, MemberId } from './ids';
import {
  ENTRY_VISIBILITIES,
  LIMITS,
  MEMBER_COLOURS,
  PROMPT_KINDS,
  type CircleMeta,
  type EntryRecord,
  type MeetingRecord,
  type MemberRecord,
} from './schema';

const ID = v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]{22}$/ });

// Fields added after version 1 first shipped: absent on older records, read as null.
function optional<T>(check: v.Check<T | null>): v.Check<T | null> {
  return (value, path) => (value === undefined ? { ok: true, value: null } : check(value, path));
}
const timestamp = v.number({ min: 0, max: 8.64e15, integer: true });
/** A YYYY-MM-DD calendar date. */
export const calendarDate = v.string({
  min: 10,
  max: 10,
  pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
});

const metaCheck = v.object(
  {
    schemaVersion: v.number({ min: 1, max: 1000, integer: true }),
    circleId: v.branded<CircleId>(ID),
    name: v.string({ min: 1, max: LIMITS.circleName }),
    createdAt: timestamp,
    founderId: optional(v.nullable(v.branded<MemberId>(ID))),
  },
  { extra: 'ignore' },
);

const memberFields = v.object(
  {
    name: v.string({ min: 1, max: LIMITS.memberName }),
    colour: v.oneOf(MEMBER_COLOURS),
    joinedAt: timestamp,
    agreedAt: v.nullable(timestamp),
    agreedVersion: optional(v.nullable(v.number({ min: 1, max: 1e6, integer: true }))),
  },
  { extra: 'ignore' },
);

/** A meeting prompt as stored. */
export const promptCheck = v.object({
  kind: v.oneOf(PROMPT_KINDS),
  text: v.string({ min: 1, max: LIMITS.promptText }),
});

const meetingFields = v.object(
  {
    title: v.string({ min: 1, max: LIMITS.meetingTitle }),
    date: calendarDate,
    prompts: v.array(promptCheck, { max: LIMITS.promptsPerMeeting }),
    createdAt: timestamp,
    createdBy: v.nullable(v.branded<MemberId>(ID)),
    opening: optional(v.nullable(v.string({ min: 1, max: LIMITS.meetingOpening }))),
    minutesPerTurn: optional(
      v.nullable(v.number({ min: 1, max: LIMITS.minutesPerTurn, integer: true })),
    ),
  },
  { extra: 'ignore' },
);

const entryFields = v.object(
  {
    meetingId: v.branded<MeetingId>(ID),
    authorId: v.nullable(v.branded<MemberId>(ID)),
    createdAt: timestamp,
    visibility: v.oneOf(ENTRY_VISIBILITIES),
    exportable: v.boolean,
    contentNote: v.nullable(v.string({ min: 1, max: LIMITS.contentNote })),
    withdrawn: v.boolean,
  },
  { extra: 'ignore' },
);

/** Reads the circle's meta map. */
export function checkMeta(raw: unknown): v.Checked<CircleMeta> {
  return metaCheck(raw, 'meta');
}

function withId<T, R extends T & { id: string }>(
  id: string,
  raw: unknown,
  fields: v.Check<T>,
  kind: string,
): v.Checked<R> {
  if (!isId(id)) return { ok: false, reason: `${kind} key is not an id` };
  const checked = fields(raw, `${kind} ${id}`);
  return checked.ok ? { ok: true, value: { id, ...checked.value } as R } : checked;
}

/** Reads one member record stored under `id`. */
export function checkMember(id: string, raw: unknown): v.Checked<MemberRecord> {
  return withId<Omit<MemberRecord, 'id'>, MemberRecord>(id, raw, memberFields, 'member');
}

/** Reads one meeting record stored under `id`. */
export function checkMeeting(id: string, raw: unknown): v.Checked<MeetingRecord> {
  return withId<Omit<MeetingRecord, 'id'>, MeetingRecord>(id, raw, meetingFields, 'meeting');
}

/** Reads one entry record stored under `id`. */
export function checkEntry(id: string, raw: unknown): v.Checked<EntryRecord> {
  return withId<Omit<EntryRecord, 'id'>, EntryRecord>(id, raw, entryFields, 'entry');
}
