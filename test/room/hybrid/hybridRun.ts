/**
 * One hybrid meeting: two laptops in the room (behind the room's NAT router) and members
 * at home (behind a NAT that randomises ports), meeting through the circle's meeting
 * points on the "internet" namespace (./hybridTopology.ts, ./meetingPointServers.ts).
 *
 * Script: the founder adds the meeting points in the circle's settings (the relay from
 * coturn's shared secret) and shows the invite; a room laptop and a home laptop join by
 * it; both sides type; the home link is cut and comes back (both sides typing meanwhile);
 * a second home laptop joins late by the invite; a third comes with a wrong relay
 * credential. Then keystroke latency room → room and room → home.
 *
 * It shows: the same stored notebook everywhere; home's selected candidate pairs are relay
 * pairs and the room's pair is host/host; the internet capture holds no typed phrase and
 * no packet to an address outside 203.0.113.0/24; the heal time after the home link
 * returns; the wrong credential's message on that laptop, kept until the relay takes its
 * credentials with a link through it, or the member dismisses it, while the room goes on.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { inviteLink, parseInvite } from '../../../shared/sync/invite';
import { seededRandom } from '../../helpers/seededRandom';
import { plaintextHits, startCapture, type BridgeCapture } from '../capture';
import { missingPhrases, storedDifferences } from '../checks';
import { foundCircle, joinAndStartEntry, STEP_TIMEOUT_MS } from '../gathering';
import { Laptop } from '../laptop';
import { planMeeting } from '../plan';
import { readNotebook } from '../screen';
import { readStoredNotebook } from '../storedNotebook';
import { roomIsGone, tearDownRoom, type RoomNetwork } from '../topology';
import { PhraseLedger, typePhrase } from '../typing';
import { buildHybrid, fenceHomeLaptop, setHomeLink, type HybridNetwork } from './hybridTopology';
import { internetCensus } from './internetCensus';
import { keystrokeLatency, type LatencyLine } from './keystrokes';
import {
  relaySendFailures,
  SIGNALLING_PORT,
  startMeetingPoints,
  TURN_PORT,
  type MeetingPointServers,
} from './meetingPointServers';
import { relayNoticeTimes, watchRelayNotice } from './relayNoticeWatch';

/** The figures of one hybrid run. */
export interface HybridRun {
  seed: number;
  durationMs: number;
  failure: string | null;
  /** Selected candidate pairs seen, `laptop → member: local/remote`. */
  pairs: string[];
  /** From the home link's return until every laptop showed every phrase. */
  healMs: number | null;
  cutMs: number;
  lateJoinMs: number | null;
  wrongCredentialMessage: string | null;
  /** How long the refusal stayed on that laptop's screen, and what took it away. */
  wrongCredentialNotice: string | null;
  phrasesTyped: number;
  plaintextHits: string[];
  packets: number;
  outside: string[];
  latency: LatencyLine[];
}

const STYLE = { keyDelayMs: 25, wordPauseMs: 0 };
const CONVERGE_TIMEOUT_MS = 60_000;
/** How long the refusal is watched before the member dismisses it. */
const NOTICE_WATCH_MS = 30_000;
/** The connection details read their link list once a second: the list may lag the notice. */
const DETAILS_LAG_MS = 1500;
const REFUSED = 'refused this laptop’s credentials';

async function waitForPhrases(laptops: Laptop[], ledger: PhraseLedger, timeoutMs: number) {
  const started = Date.now();
  for (;;) {
    const missing: string[] = [];
    for (const laptop of laptops) {
      const gone = missingPhrases(await readNotebook(laptop.page), ledger);
      missing.push(...gone.map((phrase) => `${laptop.label}: ${phrase}`));
    }
    if (missing.length === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`not every phrase arrived in ${timeoutMs} ms: ${missing.join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens the connection details and reads each link: member and selected candidate pair. */
async function selectedPairs(
  page: Page,
): Promise<{ member: string; path: string; candidates: string }[]> {
  await page.getByTestId('sync-status').click();
  const links = page.getByTestId('peer-links').getByRole('listitem');
  // Paths are read every 2 s: wait until every link has one.
  await expect
    .poll(
      async () =>
        (
          await links.evaluateAll((items) => items.map((i) => i.getAttribute('data-candidates')))
        ).every((c) => c !== null && c !== ''),
      { timeout: STEP_TIMEOUT_MS },
    )
    .toBe(true);
  const read = await links.evaluateAll((items) =>
    items.map((item) => ({
      member: item.textContent.split(':')[0] ?? '',
      path: item.getAttribute('data-path') ?? '',
      candidates: item.getAttribute('data-candidates') ?? '',
    })),
  );
  await page.getByTestId('sync-status').click();
  return read;
}

/** The founder adds the meeting points in the circle's settings and reads the new invite. */
async function addMeetingPoints(founder: Laptop, servers: MeetingPointServers): Promise<string> {
  const page = founder.page;
  await page.getByRole('button', { name: 'Agreements', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Agreements and facilitation' });
  await dialog
    .getByLabel('Signalling addresses (ws:// or wss://, one per line)')
    .fill(servers.signallingUrl);
  await dialog.getByLabel('Relay address').fill(servers.turnUrl);
  await dialog
    .getByLabel('Or the relay’s shared secret (coturn use-auth-secret)')
    .fill(servers.secret);
  await dialog.getByRole('button', { name: 'Add the relay' }).click();
  await expect(dialog.getByTestId('meeting-points')).toContainText(servers.turnUrl);
  await dialog.getByRole('button', { name: 'Save the meeting points' }).click();
  await expect(dialog.getByRole('button', { name: 'Saved: new invites carry them' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const invite = page.getByRole('dialog', { name: /^Invite someone to/ });
  const box = invite.getByLabel('Invite link');
  await expect(box).toHaveValue(/^hearth:\/\/join\//, { timeout: STEP_TIMEOUT_MS });
  const link = await box.inputValue();
  await invite.getByRole('button', { name: 'Done' }).click();
  const parsed = parseInvite(link);
  if (!parsed.ok || parsed.value.turn?.length !== 1) {
    throw new Error('the invite does not carry the relay');
  }
  return link;
}

/** Runs the hybrid meeting once; never throws for a failed check. */
export async function runHybridOnce(options: {
  seed: number;
  rendererDir: string;
  runDir: string;
}): Promise<HybridRun> {
  const started = Date.now();
  const log = (line: string): void =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] hybrid: ${line}`);
  rmSync(options.runDir, { recursive: true, force: true });
  mkdirSync(options.runDir, { recursive: true, mode: 0o700 });
  const random = seededRandom(options.seed);
  const plan = planMeeting(random, 5);
  const ledger = new PhraseLedger(random);
  const cutMs = random.int(6000, 10_000);
  const result: HybridRun = {
    seed: options.seed,
    durationMs: 0,
    failure: null,
    pairs: [],
    healMs: null,
    cutMs,
    lateJoinMs: null,
    wrongCredentialMessage: null,
    wrongCredentialNotice: null,
    phrasesTyped: 0,
    plaintextHits: [],
    packets: 0,
    outside: [],
    latency: [],
  };
  const failures: string[] = [];
  const laptops: Laptop[] = [];
  const captureFile = join(options.runDir, 'internet.pcap');
  let capture: BridgeCapture | null = null;
  let servers: MeetingPointServers | null = null;
  let converged: Laptop[] = [];
  try {
    const net: HybridNetwork = await buildHybrid(2, 3);
    log(
      `network built: room 10.77.0.0/24 behind ${net.roomGateway}, home behind ${net.homeGateway} (MASQUERADE --random), internet 203.0.113.0/24`,
    );
    const tap: RoomNetwork = {
      switchNamespace: net.internetNamespace,
      bridge: net.internetBridge,
      seats: [],
    };
    capture = await startCapture(tap, captureFile);
    servers = await startMeetingPoints(net.internetNamespace, options.runDir);
    log(
      `coturn at ${servers.turnUrl} and y-webrtc's signalling server at ${servers.signallingUrl}`,
    );
    const seats = [...net.room, ...net.home];
    for (const [i, seat] of seats.entries()) {
      laptops.push(
        new Laptop({
          seat,
          memberName: plan.names[i]!,
          runDir: options.runDir,
          rendererDir: options.rendererDir,
          clockSkewMs: 0,
        }),
      );
    }
    const [founder, roomMate, home, late, wrong] = laptops as [
      Laptop,
      Laptop,
      Laptop,
      Laptop,
      Laptop,
    ];
    await founder.start();
    await foundCircle(founder, plan);
    const invite = await addMeetingPoints(founder, servers);
    log('the founder added the meeting points; the invite is version 2 with the relay');
    await Promise.all([roomMate.start(), home.start()]);
    await Promise.all([
      joinAndStartEntry(roomMate, invite, plan),
      joinAndStartEntry(home, invite, plan),
    ]);
    converged = [founder, roomMate, home];
    log('a room laptop and a home laptop joined by the invite');

    const relayLine = new RegExp(`Connected to 2 people — through the relay: ${home.name}$`);
    await expect(founder.page.getByTestId('sync-status')).toHaveText(relayLine, {
      timeout: CONVERGE_TIMEOUT_MS,
    });
    await Promise.all([
      typePhrase(
        founder.page,
        { laptop: 1, author: founder.name, during: 'hybrid' },
        ledger.next(),
        STYLE,
        ledger,
      ),
      typePhrase(
        home.page,
        { laptop: 3, author: home.name, during: 'hybrid' },
        ledger.next(),
        STYLE,
        ledger,
      ),
    ]);
    await waitForPhrases(converged, ledger, CONVERGE_TIMEOUT_MS);
    log(
      `typing on both sides crossed; ${founder.label} says "${await founder.page.getByTestId('sync-status').textContent()}"`,
    );

    for (const laptop of converged) {
      for (const link of await selectedPairs(laptop.page)) {
        result.pairs.push(`${laptop.name} → ${link.member}: ${link.candidates} (${link.path})`);
        const toHome = laptop === home || link.member === home.name;
        if (toHome && link.path !== 'relay')
          failures.push(
            `${laptop.label} reaches ${link.member} by ${link.candidates}, not through the relay`,
          );
        if (!toHome && link.candidates !== 'host/host')
          failures.push(
            `${laptop.label} reaches ${link.member} by ${link.candidates}, not host/host`,
          );
      }
    }
    log(`selected pairs: ${result.pairs.join('; ')}`);

    setHomeLink(net, false);
    log(`home link cut for ${cutMs} ms; both sides type meanwhile`);
    const cutStarted = Date.now();
    await Promise.all([
      typePhrase(
        founder.page,
        { laptop: 1, author: founder.name, during: 'home cut' },
        ledger.next(),
        STYLE,
        ledger,
      ),
      typePhrase(
        home.page,
        { laptop: 3, author: home.name, during: 'home cut' },
        ledger.next(),
        STYLE,
        ledger,
      ),
    ]);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, cutMs - (Date.now() - cutStarted))),
    );
    setHomeLink(net, true);
    result.healMs = await waitForPhrases(converged, ledger, CONVERGE_TIMEOUT_MS);
    log(`home link back: every laptop showed every phrase ${result.healMs} ms later`);

    const lateStarted = Date.now();
    await late.start();
    await joinAndStartEntry(late, invite, plan);
    converged = [founder, roomMate, home, late];
    await typePhrase(
      late.page,
      { laptop: 4, author: late.name, during: 'late join' },
      ledger.next(),
      STYLE,
      ledger,
    );
    await waitForPhrases(converged, ledger, CONVERGE_TIMEOUT_MS);
    result.lateJoinMs = Date.now() - lateStarted;
    log(
      `a second home laptop joined late by the invite and converged (${result.lateJoinMs} ms from its start)`,
    );

    const parsed = parseInvite(invite);
    if (!parsed.ok) throw new Error(parsed.reason);
    const relay = parsed.value.turn![0]!;
    const forged = inviteLink({
      ...parsed.value,
      turn: [{ ...relay, credential: `${relay.credential.slice(0, -4)}AAA=` }],
    });
    if (!forged.ok) throw new Error(forged.reason);
    await wrong.start();
    const page = wrong.page;
    // This laptop's home network first lets it reach only the meeting points, as for a
    // member whose only way to the circle is the relay. Otherwise it could reach a laptop
    // beside it, and be handed the notebook's good credentials before the relay has
    // answered the invite's: then there is rightly nothing to tell, and no refusal to see.
    const liftFence = fenceHomeLaptop(net, wrong.options.seat, {
      turn: TURN_PORT,
      signalling: SIGNALLING_PORT,
    });
    // Noted by the page as it happens: once the fence is lifted and this laptop reaches
    // the room, the notebook's credentials replace the invite's and sync restarts with
    // them; the refusal must stay until the relay takes this laptop's credentials while a
    // link runs through it, or the member dismisses it. The connection details stay open
    // to show the links.
    await watchRelayNotice(page);
    await page.getByRole('button', { name: 'Join a circle…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Join a circle' });
    await dialog.getByLabel('Invite').fill(forged.value);
    await dialog.getByLabel('Your name in this circle').fill(wrong.name);
    await dialog.getByRole('button', { name: 'Join the circle' }).click();
    await page.getByTestId('sync-status').click({ timeout: STEP_TIMEOUT_MS });
    const refused = async (): Promise<string | null> =>
      (await relayNoticeTimes(page)).texts.find((text) => text.includes(REFUSED)) ?? null;
    await Promise.all([
      (async () => {
        await expect.poll(refused, { timeout: CONVERGE_TIMEOUT_MS }).not.toBeNull();
        result.wrongCredentialMessage = (await refused())!.replace(/\s*Dismiss$/, '');
        liftFence();
      })(),
      (async () => {
        await typePhrase(
          founder.page,
          { laptop: 1, author: founder.name, during: 'wrong credential' },
          ledger.next(),
          STYLE,
          ledger,
        );
        await waitForPhrases(converged, ledger, CONVERGE_TIMEOUT_MS);
      })(),
    ]);
    for (const laptop of converged) {
      const shown = await laptop.page.getByTestId('relay-problem').count();
      if (shown > 0) failures.push(`${laptop.label} shows a relay problem too`);
    }
    log(
      `a laptop with a wrong relay credential is told: "${result.wrongCredentialMessage ?? ''}"; the others went on`,
    );
    await expect
      .poll(async () => (await relayNoticeTimes(page)).goneAt !== null, {
        timeout: NOTICE_WATCH_MS,
      })
      .toBe(true)
      .catch(() => undefined);
    const noted = await relayNoticeTimes(page);
    const shownFor = (until: number): string =>
      `${((until - (noted.shownAt ?? until)) / 1000).toFixed(1)} s`;
    if (noted.goneAt !== null) {
      result.wrongCredentialNotice = `shown ${shownFor(noted.goneAt)}, until the relay took the notebook's credentials with a link through it`;
      if (noted.relayLinkAt === null || noted.relayLinkAt > noted.goneAt + DETAILS_LAG_MS)
        failures.push(
          `the relay refusal went ${shownFor(noted.goneAt)} after it was shown, with no link of ${wrong.label} through the relay`,
        );
    } else {
      const notice = page.getByTestId('relay-problem');
      await notice.getByRole('button', { name: 'Dismiss' }).click();
      await expect(notice).toHaveCount(0);
      result.wrongCredentialNotice = `shown ${shownFor(await page.evaluate(() => performance.now()))}, until the member dismissed it`;
    }
    log(`the refusal was ${result.wrongCredentialNotice}`);
    await wrong.shutDown();

    result.latency = await keystrokeLatency(
      founder,
      [
        { laptop: roomMate, line: 'room → room (direct, host pair)' },
        { laptop: home, line: 'room → home (through the relay)' },
      ],
      [late],
    );
    for (const line of result.latency)
      log(`keystrokes ${line.line}: p50 ${line.p50} ms, p95 ${line.p95} ms (${line.samples} keys)`);
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
    log(`FAILED: ${failures.at(-1)!}`);
  } finally {
    for (const laptop of laptops) await laptop.shutDown().catch(() => undefined);
    await servers?.stop();
    const sendFailures = relaySendFailures(options.runDir);
    if (sendFailures.length > 0)
      failures.push(
        `coturn closed allocations in use after ${sendFailures.length} failed relayed sends ("${sendFailures[0]!}")`,
      );
    await capture?.stop();
    tearDownRoom();
    if (!roomIsGone()) failures.push('a namespace of this run was left behind');
  }

  result.phrasesTyped = ledger.phrases.length;
  if (converged.length > 0) {
    const stored = await Promise.all(
      converged.map(async (laptop) => ({
        label: laptop.label,
        notebook: await readStoredNotebook(laptop.dataDir),
      })),
    );
    failures.push(...storedDifferences(stored));
  }
  if (capture !== null) {
    const searched = [
      ...ledger.phrases.map((typed) => typed.phrase),
      plan.circleName,
      ...plan.names,
    ];
    result.plaintextHits = (await plaintextHits(captureFile, searched)).map(
      (hit) => `"${hit.phrase}" in ${hit.where}`,
    );
    failures.push(...result.plaintextHits.map((hit) => `${hit} on the internet`));
    const census = await internetCensus(captureFile);
    result.packets = census.packets;
    result.outside = census.outside;
    if (census.outside.length > 0)
      failures.push(`packets to addresses outside the harness: ${census.outside.join(', ')}`);
    if (census.relayed === 0)
      failures.push(
        'the capture saw nothing relayed: it cannot be the internet between home and room',
      );
  }
  result.durationMs = Date.now() - started;
  result.failure = failures.length === 0 ? null : failures.join('\n');
  return result;
}
