/**
 * A knock as the knocker makes it (protocol: ../DOOR.md). Transport-agnostic, like
 * ./doorKnock.ts on the other side of the door.
 *
 *   start: fresh keys, send KNOCK (name, colour, commitment to the public key)
 *   awaiting-door-key --DOOR_KEY--> send REVEAL, derive the words   -> waiting
 *   waiting           --WELCOME-->  open the invite                  -> ended (let in)
 *   waiting           --END-->      the door's reason                -> ended
 *
 * The knocker reveals its key only after the door's key has arrived, and the door made
 * that key only after the commitment arrived: neither side can choose its key knowing the
 * other's, so a relay in the middle cannot steer both screens to the same words.
 */
import type { MemberColour } from '../../notebook/schema';
import { decodeInvite, type Invite } from '../invite';
import {
  commitmentTo,
  knockSecrets,
  newEphemeralKeys,
  openInvite,
  transcriptOf,
  type EphemeralKeys,
  type KnockSecrets,
} from './doorKeys';
import {
  decodeDoorMessage,
  encodeDoorMessage,
  isKnockerName,
  type EndReason,
} from './doorMessages';

/** Where a knock stands for the knocker. */
export type KnockerStage = 'awaiting-door-key' | 'waiting' | 'ended';

/** What one received frame did. */
export type KnockerStep =
  | { kind: 'words'; words: readonly string[] }
  | { kind: 'let-in'; invite: Invite }
  | { kind: 'ended'; reason: EndReason }
  | { kind: 'refused'; reason: string };

/** How a knock is made; `keys` is given only by test vectors. */
export interface KnockerOptions {
  name: string;
  colour: MemberColour;
  send: (frame: Uint8Array<ArrayBuffer>) => void;
  keys?: EphemeralKeys;
}

/** One knock on someone's door. */
export class Knocker {
  private current: KnockerStage = 'awaiting-door-key';
  private secrets: KnockSecrets | null = null;
  private keys: EphemeralKeys | null;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly send: (frame: Uint8Array<ArrayBuffer>) => void,
    keys: EphemeralKeys,
    private readonly knockFrame: Uint8Array<ArrayBuffer>,
  ) {
    this.keys = keys;
  }

  /** Makes fresh keys and sends the KNOCK. */
  static async start(options: KnockerOptions): Promise<Knocker> {
    if (!isKnockerName(options.name))
      throw new RangeError('a knock needs a name of 1–60 characters');
    const keys = options.keys ?? (await newEphemeralKeys());
    const knockFrame = encodeDoorMessage({
      kind: 'knock',
      commitment: await commitmentTo(keys.publicKey),
      colour: options.colour,
      name: options.name,
    });
    const knocker = new Knocker(options.send, keys, knockFrame);
    options.send(knockFrame);
    return knocker;
  }

  /** Where the knock stands. */
  get stage(): KnockerStage {
    return this.current;
  }

  /** The four words, once both keys have crossed. */
  get words(): readonly string[] | null {
    return this.secrets?.words ?? null;
  }

  /** Handles one frame from the door, after any frame still being handled. */
  receive(frame: Uint8Array): Promise<KnockerStep> {
    const step = this.queue.then(() => this.handle(frame));
    this.queue = step.catch(() => undefined);
    return step;
  }

  /** Stops: forgets the keys (the caller closes the connection). */
  leave(): void {
    this.current = 'ended';
    this.keys = null;
    this.secrets = null;
  }

  private async handle(frame: Uint8Array): Promise<KnockerStep> {
    if (this.current === 'ended') return this.refuse('a message after the knock ended');
    const decoded = decodeDoorMessage(frame);
    if (!decoded.ok) return this.refuse(decoded.reason);
    const message = decoded.value;
    if (message.kind === 'end') {
      this.leave();
      return { kind: 'ended', reason: message.reason };
    }
    if (this.current === 'awaiting-door-key' && message.kind === 'door-key') {
      const reveal = encodeDoorMessage({ kind: 'reveal', publicKey: this.keys!.publicKey });
      const transcript = await transcriptOf(this.knockFrame, frame, reveal);
      try {
        this.secrets = await knockSecrets(this.keys!, message.publicKey, transcript);
      } catch {
        return this.refuse('the door’s key gives no shared secret');
      }
      this.keys = null;
      this.current = 'waiting';
      this.send(reveal);
      return { kind: 'words', words: this.secrets.words };
    }
    if (this.current === 'waiting' && message.kind === 'welcome') {
      const opened = await openInvite(this.secrets!, message.iv, message.sealed);
      if (opened === null) return this.refuse('the invite was not sealed for this knock');
      const invite = decodeInvite(opened);
      if (!invite.ok) return this.refuse('what was sealed is not an invite');
      this.leave();
      return { kind: 'let-in', invite: invite.value };
    }
    return this.refuse(`${message.kind} out of turn`);
  }

  private refuse(reason: string): KnockerStep {
    this.leave();
    return { kind: 'refused', reason };
  }
}
