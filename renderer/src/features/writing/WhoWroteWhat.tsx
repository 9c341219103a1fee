/**
 * Who wrote what in an entry several wrote in: everyone who wrote there, each with their
 * colour, and the words again with each writer's colour under their words and their name
 * on hover or focus. A reading view beside the editor (the editor itself stays as
 * Lexical draws it), from the body's own items (shared/notebook/writtenRuns.ts).
 */
import { useTranslation } from 'react-i18next';
import type { EntryWriting } from '../../../../shared/notebook/bodyWriting';
import type { EntryId, MemberId } from '../../../../shared/notebook/ids';
import type { MemberRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import { memberColourVar } from '../circles/memberColours';
import { writerOf } from './useEntryWriters';
import { useWrittenLines } from './useWrittenLines';

/** Props of {@link WhoWroteWhat}. */
export interface WhoWroteWhatProps {
  session: CircleSession;
  entryId: EntryId;
  /** The members with words in the entry, first writer first (./useEntryWriters.ts). */
  writers: readonly MemberId[];
  writing: EntryWriting | undefined;
  members: ReadonlyMap<MemberId, MemberRecord>;
  /** The entry's name for screen readers ("Entry by Ana"). */
  label: string;
}

/** The list of writers and the words by writer. */
export function WhoWroteWhat({
  session,
  entryId,
  writers,
  writing,
  members,
  label,
}: WhoWroteWhatProps) {
  const { t } = useTranslation();
  const lines = useWrittenLines(session, entryId);
  const nameOf = (member: MemberId | null | undefined): string =>
    typeof member === 'string'
      ? (members.get(member)?.name ?? t('writing.unknownWriter'))
      : member === null
        ? t('entry.anonymous')
        : t('writing.unknownWriter');
  const colourOf = (member: MemberId | null | undefined): string => {
    const record = typeof member === 'string' ? members.get(member) : undefined;
    return record === undefined ? 'var(--border-strong)' : memberColourVar(record.colour);
  };
  return (
    <section className="who-wrote" aria-label={t('writing.whoWroteLabel', { entry: label })}>
      <h4 className="who-wrote__heading">{t('writing.writersHeading')}</h4>
      <ul className="who-wrote__writers">
        {writers.map((member) => (
          <li key={member} className="who-wrote__writer">
            <span className="member-dot" style={{ background: colourOf(member) }} />
            {nameOf(member)}
          </li>
        ))}
      </ul>
      <div className="who-wrote__text">
        {lines.map((line, lineIndex) => (
          <p key={lineIndex}>
            {line.map((run, runIndex) => {
              const member = writerOf(writing, run.client);
              const name = nameOf(member);
              return (
                <span
                  key={runIndex}
                  className="who-wrote__run"
                  data-writer={name}
                  title={name}
                  // Focusable, so a keyboard or a screen reader meets the name too.
                  tabIndex={0}
                  aria-label={t('writing.runLabel', { name, words: run.text })}
                  style={{ textDecorationColor: colourOf(member) }}
                >
                  {run.text}
                </span>
              );
            })}
          </p>
        ))}
      </div>
    </section>
  );
}
