/** One entry in a meeting: who wrote it and when, and its editor. */
import { useTranslation } from 'react-i18next';
import type { EntryRecord, MemberRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../notebook/circleSession';
import { memberColourVar } from '../circles/memberColours';
import { EntryEditor } from './EntryEditor';

/** Props of {@link EntryCard}. */
export interface EntryCardProps {
  session: CircleSession;
  entry: EntryRecord;
  author: MemberRecord | null;
  autoFocus: boolean;
  onFocused: () => void;
}

/** An entry with its byline. */
export function EntryCard({ session, entry, author, autoFocus, onFocused }: EntryCardProps) {
  const { t, i18n } = useTranslation();
  const byline =
    entry.visibility === 'anonymous' || author === null ? t('entry.anonymous') : author.name;
  const written = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(
    new Date(entry.createdAt),
  );
  const headingId = `entry-${entry.id}-byline`;
  return (
    <section className="entry-card" aria-labelledby={headingId}>
      <header className="entry-card__byline">
        <span
          className="member-dot"
          style={{
            background: author === null ? 'var(--border-strong)' : memberColourVar(author.colour),
          }}
        />
        <h3 id={headingId} className="entry-card__author">
          {byline}
        </h3>
        <span className="entry-card__time">{written}</span>
      </header>
      <EntryEditor
        session={session}
        entryId={entry.id}
        byline={byline}
        autoFocus={autoFocus}
        onFocused={onFocused}
      />
    </section>
  );
}
