/**
 * Before an export is made, whose words it will hold: every author and co-writer of the
 * entries it may contain (after consent: shared/export/consent.ts), and how many entries
 * were shared anonymously. Co-writers are the members named as writers of an entry
 * (shared/notebook/bodyWriting.ts).
 */
import { useTranslation } from 'react-i18next';
import { isAnonymous, mayExport } from '../../../../shared/export/consent';
import type { MeetingChoice } from '../../../../shared/export/exportOptions';
import { chooseMeetings } from '../../../../shared/export/readCircle';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { MemberId } from '../../../../shared/notebook/ids';

/** Props of {@link ExportWriters}. */
export interface ExportWritersProps {
  snapshot: IndexSnapshot;
  choice: MeetingChoice;
  /** "Only my own words": the member on this laptop. */
  onlyMine: MemberId | null;
}

/** "Whose words this export holds: Ana, Ben and Cat." */
export function ExportWriters({ snapshot, choice, onlyMine }: ExportWritersProps) {
  const { t, i18n } = useTranslation();
  let meetings;
  try {
    meetings = chooseMeetings(snapshot.meetings, choice);
  } catch {
    return null;
  }
  const writers: MemberId[] = [];
  let anonymous = 0;
  for (const meeting of meetings) {
    for (const entry of snapshot.entriesByMeeting.get(meeting.id) ?? []) {
      const writing = snapshot.writing.get(entry.id);
      if (!mayExport(entry, writing)) continue;
      if (onlyMine !== null && entry.authorId !== onlyMine) continue;
      if (isAnonymous(entry)) {
        anonymous++;
        continue;
      }
      const named = [entry.authorId, ...(writing?.clients.values() ?? [])];
      for (const member of named) {
        if (typeof member === 'string' && !writers.includes(member)) writers.push(member);
      }
    }
  }
  const names = writers.map((id) => snapshot.members.get(id)?.name ?? t('writing.unknownWriter'));
  const list = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' });
  return (
    <p className="field__hint export-form__whose">
      {names.length === 0 && anonymous === 0
        ? t('export.whoseWordsNone')
        : names.length > 0
          ? t('export.whoseWords', { names: list.format(names) })
          : null}{' '}
      {anonymous > 0 && t('export.whoseWordsAnonymous', { count: anonymous })}
    </p>
  );
}
