/**
 * Crisis lines a circle adds for itself (a local service, a group's own warm line),
 * kept in the circle's index document so every laptop of the circle has them, offline.
 *
 * Index document root `crisisLines` (a Y.Map), version 1:
 *   id (22 base64url characters) -> Y.Map { name, number, notes, region, addedBy, addedAt }
 * - name     1–80 characters
 * - number   a number as written for people: digits, spaces, ( ) - . and a leading +
 * - notes    0–280 characters (hours, who answers)
 * - region   ISO 3166-1 alpha-2 code, or null for "wherever the circle meets"
 * - addedBy  the member who added it, or null
 * - addedAt  milliseconds since 1970
 *
 * Any member may add or remove a line. Records are validated when read, like the rest
 * of the index: a record of the wrong shape (a peer can write anything) is left out
 * with a logged reason, never shown and never thrown.
 */
import * as Y from 'yjs';
import { toBase64Url } from '../crypto/base64url';
import { randomBytes } from '../crypto/random';
import { logger } from '../log';
import * as v from '../validate';
import { isId, type MemberId } from './ids';
import { LOCAL_ORIGIN } from './origins';

const log = logger('notebook');

/** The index document root that holds the circle's own crisis lines. */
export const CRISIS_LINES_ROOT = 'crisisLines';

/** Length limits, applied when writing and when reading. */
export const CRISIS_LINE_LIMITS = { name: 80, number: 30, notes: 280, lines: 50 } as const;

/** A number as a person writes it; what a `tel:` link is made from. */
export const CIRCLE_NUMBER_PATTERN = /^\+?[0-9][0-9 ().-]{0,28}$/;

/** A crisis line the circle added. */
export interface CircleCrisisLine {
  id: string;
  name: string;
  number: string;
  notes: string;
  region: string | null;
  addedBy: MemberId | null;
  addedAt: number;
}

/** What adding a line needs. */
export type NewCircleCrisisLine = Pick<CircleCrisisLine, 'name' | 'number' | 'notes' | 'region'>;

const lineFields = v.object(
  {
    name: v.string({ min: 1, max: CRISIS_LINE_LIMITS.name }),
    number: v.string({ min: 1, max: CRISIS_LINE_LIMITS.number, pattern: CIRCLE_NUMBER_PATTERN }),
    notes: v.string({ max: CRISIS_LINE_LIMITS.notes }),
    region: v.nullable(v.string({ min: 2, max: 2, pattern: /^[A-Z]{2}$/ })),
    addedBy: v.nullable(
      v.branded<MemberId>(v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]{22}$/ })),
    ),
    addedAt: v.number({ min: 0, max: 8.64e15, integer: true }),
  },
  { extra: 'ignore' },
);

/** Checks one stored record; the reason names what is wrong. */
export function checkCircleCrisisLine(id: string, raw: unknown): v.Checked<CircleCrisisLine> {
  if (!isId(id)) return { ok: false, reason: 'crisis line key is not an id' };
  const checked = lineFields(raw, `crisis line ${id}`);
  return checked.ok ? { ok: true, value: { id, ...checked.value } } : checked;
}

/** Reads and writes the circle's own crisis lines in its index document. */
export class CircleCrisisLines {
  private lines: readonly CircleCrisisLine[] | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly reported = new Set<string>();
  private readonly yLines: Y.Map<unknown>;
  private readonly onChange = (): void => {
    this.lines = null;
    for (const listener of [...this.listeners]) listener();
  };

  constructor(readonly ydoc: Y.Doc) {
    this.yLines = ydoc.getMap<unknown>(CRISIS_LINES_ROOT);
    this.yLines.observeDeep(this.onChange);
  }

  /** The valid lines, oldest first; the same array until the document changes. */
  read(): readonly CircleCrisisLine[] {
    this.lines ??= this.build();
    return this.lines;
  }

  /** Calls `listener` after every change to the lines; returns its cleanup. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a line and returns its id; throws when the line does not fit the limits. */
  add(line: NewCircleCrisisLine, addedBy: MemberId | null, now: number = Date.now()): string {
    const id = toBase64Url(randomBytes(16));
    const record = {
      ...line,
      name: line.name.trim(),
      number: line.number.trim(),
      addedBy,
      addedAt: now,
    };
    const checked = checkCircleCrisisLine(id, record);
    if (!checked.ok) throw new Error(`That crisis line cannot be saved: ${checked.reason}`);
    if (this.yLines.size >= CRISIS_LINE_LIMITS.lines) {
      throw new Error(
        'That crisis line cannot be saved: the circle already has as many as it can keep',
      );
    }
    this.ydoc.transact(() => {
      const yLine = new Y.Map<unknown>();
      this.yLines.set(id, yLine);
      for (const [field, value] of Object.entries(record)) yLine.set(field, value);
    }, LOCAL_ORIGIN);
    return id;
  }

  /** Removes a line for the whole circle. */
  remove(id: string): void {
    if (!this.yLines.has(id)) return;
    this.ydoc.transact(() => this.yLines.delete(id), LOCAL_ORIGIN);
  }

  /** Stops observing the document. */
  dispose(): void {
    this.yLines.unobserveDeep(this.onChange);
    this.listeners.clear();
  }

  private build(): CircleCrisisLine[] {
    const out: CircleCrisisLine[] = [];
    this.yLines.forEach((value, key) => {
      if (!(value instanceof Y.Map)) {
        this.report(key, 'a crisis line is not a record');
        return;
      }
      const checked = checkCircleCrisisLine(key, value.toJSON());
      if (checked.ok) out.push(checked.value);
      else this.report(key, checked.reason);
    });
    return out.sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id));
  }

  private report(key: string, reason: string): void {
    // Read again on every change; say so once.
    const tag = `${key}:${reason}`;
    if (this.reported.has(tag)) return;
    this.reported.add(tag);
    log.warn('ignored a crisis line that does not fit', { reason });
  }
}
