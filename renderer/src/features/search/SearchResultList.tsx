/**
 * The results of a search as a listbox: one group per kind (Meetings, Entries, Journal),
 * each result an option. Focus stays in the search field; the active option is named by
 * the field's aria-activedescendant, so screen readers follow the arrow keys.
 */
import { useTranslation } from 'react-i18next';
import { Highlighted } from './Highlighted';
import type { SearchOutcome, SearchResult } from './searchIndex';

/** Props of {@link SearchResultList}. */
export interface SearchResultListProps {
  id: string;
  outcome: SearchOutcome;
  /** The key of the active result, if any. */
  activeKey: string | null;
  onChoose: (result: SearchResult) => void;
  onPoint: (key: string) => void;
}

/** The DOM id of a result's option, for aria-activedescendant. */
export function optionId(listId: string, key: string): string {
  return `${listId}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** Lists grouped results; choosing one opens it. */
export function SearchResultList({
  id,
  outcome,
  activeKey,
  onChoose,
  onPoint,
}: SearchResultListProps) {
  const { t } = useTranslation();
  return (
    <div id={id} role="listbox" aria-label={t('search.resultsLabel')} className="search-results">
      {outcome.groups.map(({ group, results }) => {
        const labelId = `${id}-${group}`;
        return (
          <div key={group} role="group" aria-labelledby={labelId} className="search-results__group">
            <div id={labelId} role="presentation" className="search-results__group-label">
              {t(`search.groups.${group}`)}
            </div>
            {results.map((result) => {
              const key = result.document.key;
              return (
                <div
                  key={key}
                  id={optionId(id, key)}
                  role="option"
                  aria-selected={key === activeKey}
                  className="search-result"
                  // Keep the focus in the field: a click chooses without blurring it first.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => onChoose(result)}
                  onMouseMove={() => {
                    if (key !== activeKey) onPoint(key);
                  }}
                >
                  <ResultLines result={result} />
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}

function ResultLines({ result }: { result: SearchResult }) {
  const { t } = useTranslation();
  const { document } = result;
  const heading =
    document.heading !== null ? (
      <Highlighted text={document.heading.original} ranges={result.headingRanges} />
    ) : document.group === 'journal' ? (
      t('search.journalEntry')
    ) : (
      t('entry.anonymous')
    );
  return (
    <>
      <span className="search-result__heading">{heading}</span>
      <span className="search-result__context">{document.context}</span>
      {document.veil !== null ? (
        <span className="search-result__veil">{t('search.veiled', { note: document.veil })}</span>
      ) : (
        result.snippet !== null && (
          <span className="search-result__snippet">
            <Highlighted text={result.snippet.text} ranges={result.snippet.ranges} />
          </span>
        )
      )}
    </>
  );
}
