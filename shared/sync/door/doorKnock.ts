/**
 * One knock as the door sees it (protocol: ../DOOR.md). Transport-agnostic: frames come
 * in through `receive`, go out through `send`; the caller owns the connection, the
 * limits and the timers, and closes the connection when a step says `refused`.
 *
 *   awaiting-knock  --KNOCK-->   (fresh keys) send DOOR_KEY   -> awaiting-reveal
 *   awaiting-reveal --REVEAL-->  commitment checked, words    -> waiting (for the facilitator)
 *   waiting         letIn(invite) sends WELCOME, end(reason) sends END -> ended
 *
 * Anything else — a message out of turn, a reveal that does not match the commitment, a
 * key that gives no secret, any message at all once the words are out — is refused, and
 * refusing changes nothing: no key, word or byte of the circle is sent after it.
 */
import {
  commitmentTo,
  knockSecrets,
  newEphemeralKeys,
  sameBytes,
  sealInvite,
  transcriptOf,
  type EphemeralKeys,
  type KnockSecrets,
} from './doorKeys';
import { decodeDoorMessage, encodeDoorMessage, type EndReason } from './doorMessages';
import type { MemberColour } from '../../notebook/schema';

/** Where a knock stands at the door. */
export type DoorKnockStage = 'awaiting-knock' | 'awaiting-reveal' | 'waiting' | 'ended';

/** What one received frame did. */
export type DoorKnockStep =
  | { kind: 'knocked'; name: string; colour: MemberColour }
  | { kind: 'words'; words: readonly string[] }
  | { kind: 'refused'; reason: string };

/** How a door knock is made; `newKeys` is replaced only by test vectors. */
export interface DoorKnockOptions {
  send: (frame: Uint8Array<ArrayBuffer>) => void;
  newKeys?: () => Promise<EphemeralKeys>;
}

/** One knock at this laptop's door. */
export class DoorKnock {
  private current: DoorKnockStage = 'awaiting-knock';
  private knockFrame: Uint8Array | null = null;
  private doorKeyFrame: Uint8Array<ArrayBuffer> | null = null;
  private commitment: Uint8Array | null = null;
  private keys: EphemeralKeys | null = null;
  private secrets: KnockSecrets | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** The knocker's name and colour, once knocked. */
  knocker: { name: string; colour: MemberColour } | null = null;

  constructor(private readonly options: DoorKnockOptions) {}

  /** Where the knock stands. */
  get stage(): DoorKnockStage {
    return this.current;
  }

  /** The four words, once both keys have crossed. */
  get words(): readonly string[] | null {
    return this.secrets?.words ?? null;
  }

  /** Handles one frame from the knocker, after any frame still being handled. */
  receive(frame: Uint8Array): Promise<DoorKnockStep> {
    const step = this.queue.then(() => this.handle(frame));
    this.queue = step.catch(() => undefined);
    return step;
  }

  /** Lets the knocker in: seals `invite` with this knock's key and sends it. */
  async letIn(invite: Uint8Array): Promise<void> {
    if (this.current !== 'waiting' || this.secrets === null) {
      throw new Error('only a knock waiting for an answer can be let in');
    }
    this.current = 'ended';
    const { iv, sealed } = await sealInvite(this.secrets, invite);
    this.forget();
    this.options.send(encodeDoorMessage({ kind: 'welcome', iv, sealed }));
  }

  /** Ends the knock without letting the knocker in; says only `reason`. */
  end(reason: EndReason): void {
    if (this.current === 'ended') return;
    this.current = 'ended';
    this.forget();
    this.options.send(encodeDoorMessage({ kind: 'end', reason }));
  }

  /** Forgets the keys without sending anything (the connection is being dropped). */
  drop(): void {
    this.current = 'ended';
    this.forget();
  }

  private async handle(frame: Uint8Array): Promise<DoorKnockStep> {
    if (this.current === 'ended') return this.refuse('a message after the knock ended');
    const decoded = decodeDoorMessage(frame);
    if (!decoded.ok) return this.refuse(decoded.reason);
    const message = decoded.value;
    if (this.current === 'awaiting-knock' && message.kind === 'knock') {
      this.knockFrame = frame.slice();
      this.commitment = message.commitment;
      this.knocker = { name: message.name, colour: message.colour };
      // Fresh keys for every knock, made only now: the knocker is already bound to its key.
      this.keys = await (this.options.newKeys ?? newEphemeralKeys)();
      if (this.stage !== 'awaiting-knock') return this.refuse('the knock ended meanwhile');
      const doorKeyFrame = encodeDoorMessage({ kind: 'door-key', publicKey: this.keys.publicKey });
      this.doorKeyFrame = doorKeyFrame;
      this.current = 'awaiting-reveal';
      this.options.send(doorKeyFrame);
      return { kind: 'knocked', name: message.name, colour: message.colour };
    }
    if (this.current === 'awaiting-reveal' && message.kind === 'reveal') {
      const committed = await commitmentTo(message.publicKey);
      if (!sameBytes(committed, this.commitment!)) {
        return this.refuse('the revealed key is not the one committed to');
      }
      const transcript = await transcriptOf(this.knockFrame!, this.doorKeyFrame!, frame);
      try {
        this.secrets = await knockSecrets(this.keys!, message.publicKey, transcript);
      } catch {
        return this.refuse('the revealed key gives no shared secret');
      }
      if (this.stage !== 'awaiting-reveal') return this.refuse('the knock ended meanwhile');
      this.current = 'waiting';
      return { kind: 'words', words: this.secrets.words };
    }
    return this.refuse(`${message.kind} out of turn`);
  }

  private refuse(reason: string): DoorKnockStep {
    this.current = 'ended';
    this.forget();
    return { kind: 'refused', reason };
  }

  private forget(): void {
    this.keys = null;
    this.secrets = null;
  }
}
