/**
 * The search field in the top bar, an ARIA 1.2 combobox: typing shows grouped results
 * under the field; ↑ and ↓ move through them (the focus stays in the field and
 * aria-activedescendant names the active result); Enter opens the active result, or
 * the first; Escape closes the results and returns the focus to where it was before
 * the search (Ctrl+F from an entry goes back to that entry). A polite live region says
 * how many results there are once typing pauses.
 */
import {
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchIndex, SearchResult } from './searchIndex';
import { optionId, SearchResultList } from './SearchResultList';
import type { SearchTarget } from './searchSource';
import { useSearchOutcome } from './useCircleSearch';

const ANNOUNCE_AFTER_MS = 600;

/** What the notebook can ask of the search field. */
export interface SearchBoxHandle {
  /** Moves the focus to the field and selects what is in it (Ctrl+F, the menu). */
  focus(): void;
}

/** Props of {@link SearchBox}. */
export interface SearchBoxProps {
  index: SearchIndex;
  onOpen: (target: SearchTarget) => void;
  ref?: Ref<SearchBoxHandle>;
}

/** Searches the open circle from the top bar. */
export function SearchBox({ index, onOpen, ref }: SearchBoxProps) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  // What the live region says, and for which query: shown only while it is still true.
  const [announced, setAnnounced] = useState<{ query: string; text: string } | null>(null);
  const listId = useId();
  const hintId = useId();
  const outcome = useSearchOutcome(index, query);
  const results = outcome.groups.flatMap((group) => group.results);
  const showing = open && outcome.terms.length > 0;
  const active = results.find((result) => result.document.key === activeKey) ?? null;

  useImperativeHandle(ref, () => ({
    focus: () => {
      inputRef.current?.focus();
      inputRef.current?.select();
    },
  }));

  useEffect(() => {
    if (!showing) return;
    // Said once typing pauses, not on every key.
    const timer = setTimeout(() => {
      setAnnounced({
        query,
        text:
          outcome.total === 0
            ? t('search.none', { query: query.trim() })
            : t('search.count', { count: outcome.total }),
      });
    }, ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [showing, outcome.total, query, t]);
  const announcement = showing && announced?.query === query ? announced.text : '';

  const close = (restoreFocus: boolean): void => {
    setOpen(false);
    setActiveKey(null);
    if (!restoreFocus) return;
    const target = returnTo.current ?? document.getElementById('notebook');
    returnTo.current = null;
    target?.focus();
  };

  const choose = (result: SearchResult): void => {
    returnTo.current = null;
    close(false);
    inputRef.current?.blur();
    onOpen(result.document.target);
  };

  const move = (step: 1 | -1): void => {
    if (results.length === 0) return;
    setOpen(true);
    const at = results.findIndex((result) => result.document.key === activeKey);
    const next = at < 0 ? (step === 1 ? 0 : results.length - 1) : at + step;
    const wrapped = (next + results.length) % results.length;
    const key = results[wrapped]!.document.key;
    setActiveKey(key);
    document.getElementById(optionId(listId, key))?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      const chosen = active ?? results[0];
      if (showing && chosen !== undefined) {
        event.preventDefault();
        choose(chosen);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    }
  };

  return (
    <div
      className="search"
      role="search"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) close(false);
      }}
    >
      <label className="visually-hidden" htmlFor={`${listId}-field`}>
        {t('search.label')}
      </label>
      <span className="search__icon" aria-hidden="true">
        ⌕
      </span>
      <input
        ref={inputRef}
        id={`${listId}-field`}
        className="input search__field"
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        aria-expanded={showing && results.length > 0}
        aria-controls={showing && results.length > 0 ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={
          showing && active !== null ? optionId(listId, active.document.key) : undefined
        }
        aria-describedby={hintId}
        value={query}
        onFocus={(event) => {
          // Remember where the member came from, to go back there on Escape.
          if (event.relatedTarget instanceof HTMLElement) returnTo.current = event.relatedTarget;
          setOpen(true);
        }}
        onChange={(event) => {
          setQuery(event.target.value);
          setActiveKey(null);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      <span id={hintId} className="visually-hidden">
        {t('search.hint')}
      </span>
      {showing && (
        <div className="search__panel">
          {results.length > 0 ? (
            <SearchResultList
              id={listId}
              outcome={outcome}
              activeKey={activeKey}
              onChoose={choose}
              onPoint={setActiveKey}
            />
          ) : (
            <p className="search__empty">{t('search.none', { query: query.trim() })}</p>
          )}
          {outcome.progress.ready < outcome.progress.total && (
            <p className="search__progress">
              {t('search.reading', { count: outcome.progress.total - outcome.progress.ready })}
            </p>
          )}
        </div>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
