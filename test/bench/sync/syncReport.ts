/**
 * The sync bench's table: one row per measure, Hearth beside the stock y-webrtc floor,
 * with the goal from issue 3 and whether Hearth meets it; then the details behind the
 * rows (DOM-changed times, message kinds, where the time of a join or merge went).
 */
import type { JoinResult } from './joinOneYear';
import type { KeystrokeCost, KeystrokeResult } from './keystrokeLatency';
import type { ReconnectResult } from './offlineMeeting';

/** Peer counts the keystroke measures run at. */
export const PEER_COUNTS = [2, 4, 8] as const;

/** One row of the table. */
export interface SyncBenchRow {
  measure: string;
  hearth: string;
  floor: string;
  goal: string;
  /** `pass`/`miss` against the goal; `info` where there is none. */
  status: 'pass' | 'miss' | 'info';
}

/** Everything one run measured, for one side (Hearth or the floor). */
export interface SideResults {
  keystrokes: Map<number, KeystrokeResult>;
  /** With 2 peers. */
  keystrokeCost: KeystrokeCost;
  reconnect: ReconnectResult;
  join: JoinResult;
}

/** The value at percentile `p` (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '—');
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const per = (value: number): string => value.toFixed(2);
const status = (ok: boolean): 'pass' | 'miss' => (ok ? 'pass' : 'miss');

/** The table's rows. */
export function syncRows(hearth: SideResults, floor: SideResults): SyncBenchRow[] {
  const rows: SyncBenchRow[] = [];
  for (const n of PEER_COUNTS) {
    const h = hearth.keystrokes.get(n)!;
    const f = floor.keystrokes.get(n)!;
    const [h50, h95, f50, f95] = [
      percentile(h.painted, 50),
      percentile(h.painted, 95),
      percentile(f.painted, 50),
      percentile(f.painted, 95),
    ];
    const withinFloor = h95 <= 1.5 * f95 && h.missing === 0;
    rows.push({
      measure: `keystroke → painted, ${n} peers, p50 / p95`,
      hearth: `${ms(h50)} / ${ms(h95)}`,
      floor: `${ms(f50)} / ${ms(f95)}`,
      goal: n === 8 ? 'p95 ≤ 50 ms and ≤ 1.5× floor' : 'p95 ≤ 1.5× floor',
      status: status(withinFloor && (n !== 8 || h95 <= 50)),
    });
  }
  const cost = (c: KeystrokeCost): string =>
    `${c.typist.toFixed(1)} / ${c.receiver.toFixed(1)} ms (native ${c.typistNative.toFixed(1)} / ${c.receiverNative.toFixed(1)})`;
  rows.push({
    measure: 'main thread per keystroke, typist / receiver (2 peers)',
    hearth: cost(hearth.keystrokeCost),
    floor: cost(floor.keystrokeCost),
    goal: '—',
    status: 'info',
  });
  for (const n of PEER_COUNTS) {
    const h = hearth.keystrokes.get(n)!;
    const f = floor.keystrokes.get(n)!;
    rows.push({
      measure: `update messages per keystroke, ${n} peers (all messages)`,
      hearth: `${per(h.updatesPerKeystroke)} (${per(h.messagesPerKeystroke)})`,
      floor: `${per(f.updatesPerKeystroke)} (${per(f.messagesPerKeystroke)})`,
      goal: `≤ ${n - 1} (stock: ${n * (n - 1)})`,
      status: status(h.updatesPerKeystroke <= n - 1),
    });
  }
  const hj = hearth.join;
  const fj = floor.join;
  rows.push({
    measure: 'new laptop joins the one-year circle: whole notebook',
    hearth:
      hj.wholeNotebookMs === null
        ? 'never'
        : `${(hj.wholeNotebookMs / 1000).toFixed(2)} s${hj.verified === true ? ', stores equal' : ', STORES DIFFER'}`,
    floor:
      fj.wholeNotebookMs === null
        ? 'never (one Y.Doc)'
        : `${(fj.wholeNotebookMs / 1000).toFixed(2)} s (one Y.Doc)`,
    goal: '≤ 5 s',
    status: status(
      hj.wholeNotebookMs !== null && hj.wholeNotebookMs <= 5000 && hj.verified === true,
    ),
  });
  rows.push({
    measure: 'join: largest single data-channel message',
    hearth: kib(hj.largestMessage),
    floor: kib(fj.largestMessage),
    goal: '≤ 256 KiB',
    status: status(hj.largestMessage <= 256 * 1024),
  });
  const hr = hearth.reconnect;
  const fr = floor.reconnect;
  rows.push({
    measure: `offline meeting (${Math.round(hr.charactersApart / 1000)}k chars each side): identical`,
    hearth: ms(hr.identicalMs),
    floor: ms(fr.identicalMs),
    goal: '—',
    status: 'info',
  });
  rows.push({
    measure: 'offline meeting: of which connection setup',
    hearth: ms(hr.setupMs),
    floor: ms(fr.setupMs),
    goal: '—',
    status: 'info',
  });
  rows.push({
    measure: 'offline meeting: merge work per laptop (max)',
    hearth: ms(Math.max(...hr.mergeWork)),
    floor: ms(Math.max(...fr.mergeWork)),
    goal: '≤ 250 ms',
    status: status(Math.max(...hr.mergeWork) <= 250),
  });
  return rows;
}

/** Prints the rows as a Markdown table. */
export function printRows(rows: readonly SyncBenchRow[]): void {
  const header: SyncBenchRow = {
    measure: 'measure',
    hearth: 'Hearth',
    floor: 'floor (stock y-webrtc)',
    goal: 'goal',
    status: 'info',
  };
  const cells = (row: SyncBenchRow): string[] => [
    row.measure,
    row.hearth,
    row.floor,
    row.goal,
    row === header ? 'status' : row.status,
  ];
  const widths = cells(header).map((_, column) =>
    Math.max(...[header, ...rows].map((row) => cells(row)[column]!.length)),
  );
  const line = (values: string[]): string =>
    `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(cells(header)));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(cells(row)));
}

/** Prints what stands behind the rows. */
export function printDetails(hearth: SideResults, floor: SideResults): void {
  for (const [side, results] of [
    ['Hearth', hearth],
    ['floor', floor],
  ] as const) {
    for (const n of PEER_COUNTS) {
      const k = results.keystrokes.get(n)!;
      console.log(
        `${side}, ${n} peers: ${k.keystrokes} keystrokes × ${n - 1} receivers; keydown → DOM changed p50 ${ms(percentile(k.domChanged, 50))}, p95 ${ms(percentile(k.domChanged, 95))}, max painted ${ms(Math.max(...k.painted))}; never seen ${k.missing}; messages by kind ${JSON.stringify(k.byKind)}`,
      );
    }
    const r = results.reconnect;
    console.log(
      `${side}, offline meeting: merge work per laptop ${r.mergeWork.map(ms).join(', ')}${r.liveApply.length > 0 ? ` (of which applying to the live document ${r.liveApply.map(ms).join(', ')})` : ''}; main thread busy ${r.busy.map(ms).join(', ')} from the click to identical text${r.retries > 0 ? `; went offline and online again ${r.retries}× first (the pages never met: y-webrtc glare)` : ''}`,
    );
    const j = results.join;
    j.hottest.forEach((hottest, page) => {
      const where = page === 0 ? 'holder' : 'joiner';
      const list = hottest.map(([name, time]) => `${name} ${ms(time)}`).join(', ');
      console.log(`${side}, join, most self time on the ${where}'s page: ${list}`);
    });
    console.log(
      `${side}, join: ${j.characters} characters; ${kib(j.bytesSent)} sent over data channels${j.setupMs === null ? '' : `; link open after ${ms(j.setupMs)}`}${j.busy.length > 0 ? `; main thread busy ${j.busy.map(ms).join(' (holder), ')} (joiner) of the join's ${ms(j.wholeNotebookMs ?? NaN)}` : ''}${j.messages === null ? '' : `; messages ${JSON.stringify(j.messages)}`}`,
    );
  }
}
