/**
 * What a member chooses in the Export dialog, version 1. The same options reach main
 * over IPC (checked by {@link checkExportRequest}), the command-line export and tests.
 * Consent is not an option: kept-out, withdrawn and private entries never appear, and
 * anonymous entries never carry a name, whatever is chosen here.
 */
import * as v from '../validate';
import { calendarDate } from '../notebook/records';
import type { CircleId, MeetingId } from '../notebook/ids';

/** Which meetings go into an export. */
export type MeetingChoice =
  | { kind: 'all' }
  | { kind: 'range'; from: string; to: string }
  | { kind: 'one'; meetingId: MeetingId };

/**
 * How writers are named. `shown`: members' names (anonymous entries still say
 * "Shared anonymously"); `anonymised`: every entry says "A member" — no numbered
 * pseudonyms, since "Member 2" across a booklet lets a reader link one person's entries.
 */
export type AuthorChoice = 'shown' | 'anonymised';

/** The file an export makes. */
export type ExportFormat = 'markdown' | 'markdown-folder' | 'html' | 'pdf';

/** Every format, in the order the dialog offers them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  'markdown',
  'markdown-folder',
  'html',
  'pdf',
];

/** The choices of one export. */
export interface ExportOptions {
  meetings: MeetingChoice;
  authors: AuthorChoice;
  reactions: boolean;
  prompts: boolean;
  /** Only the words of the member on this laptop (and, later, their journal). */
  onlyMine: boolean;
}

/** An export as the renderer asks main for it. */
export interface ExportRequest {
  circleId: CircleId;
  format: ExportFormat;
  options: ExportOptions;
}

/** What the dialog starts with. */
export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  meetings: { kind: 'all' },
  authors: 'shown',
  reactions: true,
  prompts: true,
  onlyMine: false,
};

const id = v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]{22}$/ });

const meetingChoice: v.Check<MeetingChoice> = (value, path) => {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'all') return v.object({ kind: v.oneOf(['all'] as const) })(value, path);
  if (kind === 'range') {
    const checked = v.object({
      kind: v.oneOf(['range'] as const),
      from: calendarDate,
      to: calendarDate,
    })(value, path);
    if (checked.ok && checked.value.from > checked.value.to) {
      return { ok: false, reason: `${path} starts after it ends` };
    }
    return checked;
  }
  if (kind === 'one') {
    return v.object({ kind: v.oneOf(['one'] as const), meetingId: v.branded<MeetingId>(id) })(
      value,
      path,
    );
  }
  return { ok: false, reason: `${path}.kind should be all, range or one` };
};

/** Checks export options arriving from an untrusted side. */
export const checkExportOptions: v.Check<ExportOptions> = v.object({
  meetings: meetingChoice,
  authors: v.oneOf(['shown', 'anonymised'] as const),
  reactions: v.boolean,
  prompts: v.boolean,
  onlyMine: v.boolean,
});

/** Checks an export request arriving from an untrusted side. */
export const checkExportRequest: v.Check<ExportRequest> = v.object({
  circleId: v.branded<CircleId>(id),
  format: v.oneOf(['markdown', 'markdown-folder', 'html', 'pdf'] as const),
  options: checkExportOptions,
});
