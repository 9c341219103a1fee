/**
 * The scripted meeting, start to end, with its faults:
 *
 *   1. laptops 1…N−1 open Hearth; one page's clock runs minutes off (clock skew);
 *   2. laptop 1 makes the circle and the meeting; 2…N−1 join by its invite (with
 *      addresses); everyone writes an entry of their own;
 *   3. laptop N joins late, by an invite with no address (only mDNS finds the room);
 *   4. reactions; the facilitator (laptop 1) runs a round;
 *   5. a link unplugged for a few seconds, then a link gone silent for 20–30 s, members
 *      typing on both sides of each cut;
 *   6. a host killed with SIGKILL while its member types, and started again;
 *   7. a laptop leaves for good; the rest write on;
 *   8. everyone writes a last line; every host stops cleanly.
 *
 * After every heal the room must be in step and show one notebook (./checks.ts). What
 * happened is returned for the report; the disks are compared by the caller.
 */
import { join } from 'node:path';
import type { SeededRandom } from '../helpers/seededRandom';
import { waitForHeal, watchRoom, type CutSeen, type HealMeasure } from './checks';
import { cutLinkFor, killHostMidTyping, leaveForGood, type FaultRecord } from './faults';
import { foundCircle, joinAndStartEntry, react } from './gathering';
import { Laptop } from './laptop';
import type { MeetingPlan } from './plan';
import { runRound } from './round';
import { readNotebook, SAVED_TEXT } from './screen';
import type { RoomNetwork } from './topology';
import { PhraseLedger, typePhrase, type TypingStyle } from './typing';

/** What the meeting needs from the harness. */
export interface MeetingSetting {
  room: RoomNetwork;
  plan: MeetingPlan;
  random: SeededRandom;
  runDir: string;
  rendererDir: string;
  /** Every laptop made, so the harness can shut them down whatever happens. */
  laptops: Laptop[];
  log: (line: string) => void;
}

/** What happened in the meeting. */
export interface MeetingRecord {
  startedAt: number;
  endedAt: number;
  /** From the first joiner pasting the invite to the early laptops in step. */
  meshFormed: HealMeasure;
  faults: FaultRecord[];
  round: { spoke: number; passed: number };
  ledger: PhraseLedger;
  /** Laptops still in the room at the end, and the one that left (with when). */
  remaining: Laptop[];
  left: { laptop: Laptop; at: number } | null;
  /** Exit codes of every host stopped at the end (must all be 0). */
  exitCodes: Record<string, number | null>;
  /** Entry id → byline, as the screens showed them at the end. */
  bylines: Map<string, string>;
}

const QUICK: TypingStyle = { keyDelayMs: 15, wordPauseMs: 0 };
// Pauses between words let the status line reach "Saved" in the middle of a phrase.
const UNHURRIED: TypingStyle = { keyDelayMs: 40, wordPauseMs: 250 };

/** Runs the meeting; throws at the first check that fails. */
export async function runMeeting(setting: MeetingSetting): Promise<MeetingRecord> {
  const { plan, random, room, log } = setting;
  const startedAt = Date.now();
  const ledger = new PhraseLedger(random);
  const faults: FaultRecord[] = [];
  const since = () => Date.now() - startedAt;
  const fault = (record: Omit<FaultRecord, 'atMs'>, atMs = since()): FaultRecord => {
    const made = { ...record, atMs };
    faults.push(made);
    return made;
  };

  const laptops = room.seats.map(
    (seat) =>
      new Laptop({
        seat,
        memberName: plan.names[seat.index - 1]!,
        runDir: setting.runDir,
        rendererDir: setting.rendererDir,
        clockSkewMs: seat.index === plan.skewedLaptop ? plan.skewMs : 0,
      }),
  );
  setting.laptops.push(...laptops);
  const at = (index: number): Laptop => laptops[index - 1]!;
  const founder = at(1);
  const late = at(plan.lateLaptop);
  const present = () => laptops.filter((laptop) => laptop.present && laptop.host.running);

  // Everyone adds a line to their own entry at once, and now and then a member also adds
  // one to someone else's entry while its author is typing there (co-writing). Every
  // choice and phrase is drawn before anyone types, so the seed alone decides them.
  const everyoneTypes = async (during: string, except?: Laptop): Promise<void> => {
    const writers = laptops.filter(
      (laptop) => laptop.present && laptop.opened && laptop !== except,
    );
    const turns = writers.map((laptop) => {
      const own = ledger.next();
      const coAuthor = random.chance(0.35)
        ? random.pick(writers.filter((other) => other !== laptop))
        : null;
      return { laptop, own, co: coAuthor && { author: coAuthor, phrase: ledger.next() } };
    });
    const write = (laptop: Laptop, author: Laptop, phrase: string) =>
      typePhrase(
        laptop.page,
        { laptop: laptop.options.seat.index, author: author.name, during },
        phrase,
        QUICK,
        ledger,
      );
    await Promise.all(
      turns.map(async ({ laptop, own, co }) => {
        await write(laptop, laptop, own);
        if (co !== null) await write(laptop, co.author, co.phrase);
      }),
    );
  };

  // Waits for the room to heal; the screens' story is logged for faults and slow heals.
  let heals = 0;
  const heal = async (
    undoneAt: number,
    timeoutMs: number,
    options: { alsoReady?: () => Promise<boolean>; story?: boolean } = {},
  ): Promise<HealMeasure> => {
    const measure = await waitForHeal(present(), ledger, undoneAt, {
      timeoutMs,
      dumpFile: join(setting.runDir, `screens-${String(++heals).padStart(2, '0')}.json`),
      ...(options.alsoReady ? { alsoReady: options.alsoReady } : {}),
    });
    if (options.story === true || measure.totalMs > 5000) {
      for (const line of measure.timeline) log(`    ${line}`);
    }
    return measure;
  };

  // 1. The early laptops open Hearth.
  const early = laptops.filter((laptop) => laptop !== late);
  log(`opening Hearth on ${early.map((laptop) => laptop.label).join(', ')}`);
  await Promise.all(early.map((laptop) => laptop.start()));
  const checkSkew = async (laptop: Laptop): Promise<void> => {
    const measured = await laptop.measuredSkewMs();
    if (Math.abs(measured - plan.skewMs) > 2000) {
      throw new Error(`${laptop.label}'s clock should be ${plan.skewMs} ms off, is ${measured}`);
    }
    fault({ kind: 'clock skew', laptop: laptop.label, detail: `page clock ${fmtSkew(measured)}` });
    log(`${laptop.label}: page clock runs ${fmtSkew(measured)} (a laptop whose clock is wrong)`);
  };
  if (plan.skewedLaptop !== plan.lateLaptop) await checkSkew(at(plan.skewedLaptop));

  // 2. The circle, the meeting, the early joiners.
  log(`${founder.label} makes "${plan.circleName}" and the meeting "${plan.meetingTitle}"`);
  const invites = await foundCircle(founder, plan);
  await typePhrase(
    founder.page,
    { laptop: 1, author: founder.name, during: 'opening' },
    ledger.next(),
    QUICK,
    ledger,
  );
  log(`the invite names ${invites.addresses.join(' ')}`);
  const joinedFrom = Date.now();
  await Promise.all(
    early.slice(1).map((laptop) => joinAndStartEntry(laptop, invites.withAddresses, plan)),
  );
  const meshFormed = await heal(joinedFrom, 120_000);
  log(`early laptops in step ${meshFormed.totalMs} ms after the invite was pasted`);
  await everyoneTypes('before the late joiner');

  // 3. The late joiner, by mDNS alone.
  const lateFrom = Date.now();
  log(`${late.label} arrives late, holding an invite with no address`);
  await late.start();
  if (plan.skewedLaptop === plan.lateLaptop) await checkSkew(late);
  await joinAndStartEntry(late, invites.withoutAddresses, plan);
  const lateJoin = fault({
    kind: 'late join',
    laptop: late.label,
    detail: 'invite with no address: found by mDNS',
  });
  lateJoin.heal = await heal(lateFrom, 120_000);
  log(`${late.label} in step with everyone ${lateJoin.heal.totalMs} ms after opening Hearth`);

  // 4. Reactions and the round.
  for (const { laptop, toLaptop, kind } of plan.reactions)
    await react(at(laptop), at(toLaptop).name, kind);
  await everyoneTypes('after the reactions');
  await heal(Date.now(), 30_000);
  log(`${founder.label} runs a round`);
  const round = await runRound(founder, present(), plan, ledger);
  log(`round over: ${round.spoke} spoke, ${round.passed} passed`);
  await heal(Date.now(), 30_000);

  // 5. Links cut and restored.
  for (const [how, cut] of [
    ['unplugged', plan.shortCut],
    ['silent', plan.longCut],
  ] as const) {
    const laptop = at(cut.laptop);
    const record = fault({
      kind: how === 'unplugged' ? 'link unplugged' : 'link silent > 15 s',
      laptop: laptop.label,
      detail: '',
    });
    log(`${laptop.label}: link ${how} for ${cut.ms} ms; members type on both sides`);
    const stopWatching = watchRoom(present(), log);
    let seen: CutSeen = { lostTouchAfterMs: null };
    const { restoredAt, cutMs } = await cutLinkFor(room, laptop, how, cut.ms, () =>
      everyoneTypes(`link ${how}`),
    ).finally(async () => (seen = await stopWatching()));
    record.lostTouchAfterMs = seen.lostTouchAfterMs;
    const told =
      seen.lostTouchAfterMs === null
        ? 'no status line said "Lost touch"'
        : `"Lost touch" shown ${seen.lostTouchAfterMs} ms into it`;
    record.detail = `cut for ${cutMs} ms; ${told}`;
    record.heal = await heal(restoredAt, 120_000, { story: true });
    log(
      `${laptop.label}: room in step ${record.heal.healMs} ms after the link came back, same notebook ${record.heal.convergeMs} ms later`,
    );
  }

  // 6. A host killed while its member types.
  const victim = at(plan.kill.laptop);
  log(`${victim.label}: host killed with SIGKILL ${plan.kill.afterMs} ms into a phrase`);
  const typing = typePhrase(
    victim.page,
    { laptop: victim.options.seat.index, author: victim.name, during: 'host killed' },
    ledger.next(),
    UNHURRIED,
    ledger,
  );
  const others = everyoneTypes('host killed', victim);
  const killed = fault({ kind: 'host killed (SIGKILL)', laptop: victim.label, detail: '' });
  const [outcome] = await Promise.all([
    killHostMidTyping(victim, typing, plan.kill.afterMs),
    others,
  ]);
  killed.saved = outcome.saved;
  killed.detail = `${outcome.saved.unsavedAtKill} characters typed after the last "Saved" (${outcome.saved.savedAgoMs} ms before the kill; then "${outcome.saved.statusAtKill}")`;
  log(
    `${victim.label}: disk after the kill lacks ${outcome.saved.lostSaved} characters shown as saved, ` +
      `${outcome.saved.lostBeyondWindow} shown 500 ms before the kill, ${outcome.saved.lostInWindow} shown at the kill; ${killed.detail}`,
  );
  killed.heal = await heal(outcome.restartedAt, 60_000, {
    story: true,
    alsoReady: async () =>
      (await victim.page.getByTestId('save-status').textContent()) === SAVED_TEXT,
  });
  log(
    `${victim.label}: restarted; room in step ${killed.heal.healMs} ms later, same notebook ${killed.heal.convergeMs} ms after that`,
  );

  // 7. A laptop leaves for good.
  const leaver = at(plan.leaver);
  log(`${leaver.label} leaves for good`);
  const leftAt = await leaveForGood(leaver);
  const leave = fault({
    kind: 'leave for good',
    laptop: leaver.label,
    detail: 'host stopped, browser closed',
  });
  await everyoneTypes('after a laptop left');
  leave.heal = await heal(leftAt, 60_000, { story: true });
  log(
    `after ${leaver.label} left: the rest in step ${leave.heal.healMs} ms later, same notebook ${leave.heal.convergeMs} ms after that`,
  );

  // 8. A last line each, then every host stops.
  await everyoneTypes('closing');
  await heal(Date.now(), 30_000);
  const remaining = present();
  const onScreen = await readNotebook(remaining[0]!.page);
  const bylines = new Map(onScreen.entries.map((entry) => [entry.id, entry.byline]));
  const exitCodes: Record<string, number | null> = {};
  for (const laptop of remaining) exitCodes[laptop.label] = await laptop.shutDown();
  return {
    startedAt,
    endedAt: Date.now(),
    meshFormed,
    faults,
    round,
    ledger,
    remaining,
    left: { laptop: leaver, at: leftAt },
    exitCodes,
    bylines,
  };
}

function fmtSkew(ms: number): string {
  const minutes = (Math.abs(ms) / 60_000).toFixed(1);
  return ms >= 0 ? `${minutes} min ahead` : `${minutes} min behind`;
}
