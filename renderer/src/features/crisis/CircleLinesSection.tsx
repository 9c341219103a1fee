/**
 * "From your circle": crisis lines the circle added for itself (shared/notebook/
 * crisisLines.ts), shown to every member and kept on every laptop, so they work offline
 * too. Any member can add one or take one away; taking away asks once more first,
 * because it is gone for everyone.
 */
import { useCallback, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { telHref } from '../../../../shared/crisis/crisisDirectory';
import {
  CIRCLE_NUMBER_PATTERN,
  CircleCrisisLines,
  CRISIS_LINE_LIMITS,
  type CircleCrisisLine,
} from '../../../../shared/notebook/crisisLines';
import type { MemberId } from '../../../../shared/notebook/ids';
import type * as Y from 'yjs';
import { regionName } from './crisisRegions';
import { FieldError } from '../../app/FieldError';

/** Props of {@link CircleLinesSection}. */
export interface CircleLinesSectionProps {
  /** The circle's index document. */
  indexDoc: Y.Doc;
  memberId: MemberId;
  /** The region the panel shows, offered for a new line. */
  region: string | null;
}

// One reader per index document, alive as long as the document: it observes the
// document, and the document goes away with the closed circle.
const readers = new WeakMap<Y.Doc, CircleCrisisLines>();
function linesOf(indexDoc: Y.Doc): CircleCrisisLines {
  let reader = readers.get(indexDoc);
  if (reader === undefined) {
    reader = new CircleCrisisLines(indexDoc);
    readers.set(indexDoc, reader);
  }
  return reader;
}

/** The circle's own lines, with a way to add and remove them. */
export function CircleLinesSection({ indexDoc, memberId, region }: CircleLinesSectionProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const lines = useMemo(() => linesOf(indexDoc), [indexDoc]);
  const [adding, setAdding] = useState(false);
  const subscribe = useCallback((listener: () => void) => lines.subscribe(listener), [lines]);
  const read = useCallback(() => lines.read(), [lines]);
  const shown = useSyncExternalStore(subscribe, read);

  return (
    <section className="crisis__section" aria-labelledby={titleId}>
      <h3 id={titleId} className="crisis__heading">
        {t('crisis.fromCircle')}
      </h3>
      {shown.length === 0 ? (
        <p className="crisis__quiet">{t('crisis.circleNone')}</p>
      ) : (
        <ul className="crisis__lines">
          {shown.map((line) => (
            <CircleLine key={line.id} line={line} onRemove={() => lines.remove(line.id)} />
          ))}
        </ul>
      )}
      {adding ? (
        <AddLineForm
          onAdd={(line) => {
            lines.add(line, memberId);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
          region={region}
        />
      ) : (
        <button className="button" type="button" onClick={() => setAdding(true)}>
          {t('crisis.addLine')}
        </button>
      )}
    </section>
  );
}

function CircleLine({ line, onRemove }: { line: CircleCrisisLine; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="crisis-line">
      <h4 className="crisis-line__name">{line.name}</h4>
      {line.notes !== '' && <p className="crisis-line__notes">{line.notes}</p>}
      {line.region !== null && (
        <p className="crisis-line__hours">{regionName(line.region, i18n.language)}</p>
      )}
      <div className="crisis-line__actions">
        <a
          className="button button--primary crisis-line__call"
          href={telHref(line.number)}
          target="_blank"
          rel="noreferrer"
        >
          {t('crisis.call', { number: line.number })}
        </a>
        {confirming ? (
          <>
            {/* The button that asked is gone: the question takes the focus. */}
            <button className="button button--quiet" type="button" onClick={onRemove} autoFocus>
              {t('crisis.removeConfirm', { name: line.name })}
            </button>
            <button
              className="button button--quiet"
              type="button"
              onClick={() => setConfirming(false)}
            >
              {t('crisis.keep')}
            </button>
          </>
        ) : (
          <button
            className="button button--quiet"
            type="button"
            onClick={() => setConfirming(true)}
          >
            {t('crisis.remove', { name: line.name })}
          </button>
        )}
      </div>
    </li>
  );
}

function AddLineForm({
  onAdd,
  onCancel,
  region,
}: {
  onAdd: (line: { name: string; number: string; notes: string; region: string | null }) => void;
  onCancel: () => void;
  region: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (): void => {
    if (name.trim() === '') {
      setProblem(t('crisis.nameMissing'));
      return;
    }
    if (!CIRCLE_NUMBER_PATTERN.test(number.trim())) {
      setProblem(t('crisis.numberInvalid'));
      return;
    }
    onAdd({ name: name.trim(), number: number.trim(), notes: notes.trim(), region });
  };

  return (
    <form
      className="crisis__form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          {t('crisis.lineName')}
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={CRISIS_LINE_LIMITS.name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-number`}>
          {t('crisis.lineNumber')}
        </label>
        <input
          id={`${id}-number`}
          className="input"
          type="tel"
          inputMode="tel"
          value={number}
          maxLength={CRISIS_LINE_LIMITS.number}
          onChange={(event) => setNumber(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-notes`}>
          {t('crisis.lineNotes')}
        </label>
        <input
          id={`${id}-notes`}
          className="input"
          value={notes}
          maxLength={CRISIS_LINE_LIMITS.notes}
          aria-describedby={`${id}-notes-hint`}
          onChange={(event) => setNotes(event.target.value)}
        />
        <span id={`${id}-notes-hint`} className="field__hint">
          {t('crisis.lineNotesHint')}
        </span>
      </div>
      <FieldError message={problem} />
      <div className="crisis-line__actions">
        <button className="button button--primary" type="submit">
          {t('crisis.saveLine')}
        </button>
        <button className="button button--quiet" type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
