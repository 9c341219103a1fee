/**
 * Chunking: every frame handed to a data channel is at most MAX_FRAME_BYTES (64 KiB;
 * Chromium refuses a message over 256 KiB, and y-webrtc loses such a message silently).
 *
 * Rules, version 1 of ./peerProtocol.ts:
 * - a message that fits in a frame is sent as it is;
 * - a longer one (up to MAX_MESSAGE_BYTES) is cut into `count` CHUNK frames carrying
 *   one `messageId`, numbered 0..count-1 and sent back to back: every chunk but the last
 *   holds exactly CHUNK_PAYLOAD_BYTES, the last 1..CHUNK_PAYLOAD_BYTES;
 * - the receiver takes them strictly in order. A chunk that is missing, repeated, out of
 *   order or out of range, a count that changes, another message's chunk or a whole
 *   message arriving before the last chunk, a wrong-sized chunk, or a total over the
 *   limit is a protocol error (the channel is ordered and reliable, so none of these
 *   happens between honest peers). The message put back together is never a CHUNK.
 * Memory held per peer is bounded by one message in progress.
 */
import type { Checked } from '../validate';
import {
  CHUNK_PAYLOAD_BYTES,
  MAX_FRAME_BYTES,
  MAX_MESSAGE_BYTES,
  MESSAGE_KIND,
  decodePeerMessage,
  encodePeerMessage,
  type ChunkMessage,
  type PeerMessage,
} from './peerProtocol';

/** Cuts an encoded message into frames of at most MAX_FRAME_BYTES each. */
export function frameMessage(message: Uint8Array, messageId: number): Uint8Array[] {
  if (message.length <= MAX_FRAME_BYTES) return [message];
  if (message.length > MAX_MESSAGE_BYTES) {
    throw new RangeError(`a message of ${message.length} bytes is over the protocol's limit`);
  }
  const count = Math.ceil(message.length / CHUNK_PAYLOAD_BYTES);
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const bytes = message.subarray(index * CHUNK_PAYLOAD_BYTES, (index + 1) * CHUNK_PAYLOAD_BYTES);
    frames.push(
      encodePeerMessage({
        kind: MESSAGE_KIND.CHUNK,
        messageId: messageId >>> 0,
        index,
        count,
        bytes,
      }),
    );
  }
  return frames;
}

/** Puts one peer's chunked messages back together, refusing any deviation from the rules. */
export class ChunkAssembler {
  private messageId = 0;
  private count = 0;
  private pieces: Uint8Array[] = [];
  private total = 0;

  /** True while a chunked message is half received. */
  get inProgress(): boolean {
    return this.count > 0;
  }

  /**
   * Takes the next chunk: the whole message once its last chunk arrives, null while more
   * are due, or a reason to drop the peer.
   */
  accept(chunk: ChunkMessage): Checked<Uint8Array | null> {
    const checked = this.check(chunk);
    if (!checked.ok) {
      this.reset();
      return checked;
    }
    if (chunk.index === 0) {
      this.messageId = chunk.messageId;
      this.count = chunk.count;
    }
    this.pieces.push(chunk.bytes);
    this.total += chunk.bytes.length;
    if (chunk.index < chunk.count - 1) return { ok: true, value: null };
    const message = new Uint8Array(this.total);
    let at = 0;
    for (const piece of this.pieces) {
      message.set(piece, at);
      at += piece.length;
    }
    this.reset();
    if (message[1] === MESSAGE_KIND.CHUNK) return refuse('a chunked message made of a chunk');
    return { ok: true, value: message };
  }

  /** Checks that a whole (unchunked) message may arrive now. */
  acceptWhole(): Checked<null> {
    if (!this.inProgress) return { ok: true, value: null };
    const expected = this.pieces.length;
    this.reset();
    return refuse(`a message arrived where chunk ${expected} of a message was due`);
  }

  /** Drops any half-received message. */
  reset(): void {
    this.messageId = 0;
    this.count = 0;
    this.pieces = [];
    this.total = 0;
  }

  private check(chunk: ChunkMessage): Checked<null> {
    const { index, count, messageId, bytes } = chunk;
    if (count < 2 || index >= count) return refuse(`chunk ${index} of ${count} is out of range`);
    if (count * CHUNK_PAYLOAD_BYTES - CHUNK_PAYLOAD_BYTES >= MAX_MESSAGE_BYTES) {
      return refuse(`a message of ${count} chunks would be over the limit`);
    }
    if (!this.inProgress) {
      if (index !== 0) return refuse(`chunk ${index} arrived before chunk 0 (lost or reordered)`);
    } else {
      if (messageId !== this.messageId) {
        return refuse(`a chunk of message ${messageId} interleaved with message ${this.messageId}`);
      }
      if (count !== this.count) return refuse(`the chunk count changed from ${this.count}`);
      const expected = this.pieces.length;
      if (index < expected) return refuse(`chunk ${index} arrived again (duplicated or reordered)`);
      if (index > expected) return refuse(`chunk ${expected} is missing (got ${index})`);
    }
    const last = index === count - 1;
    if (!last && bytes.length !== CHUNK_PAYLOAD_BYTES) {
      return refuse(`chunk ${index} holds ${bytes.length} bytes, not ${CHUNK_PAYLOAD_BYTES}`);
    }
    if (bytes.length === 0 || bytes.length > CHUNK_PAYLOAD_BYTES) {
      return refuse(`chunk ${index} holds ${bytes.length} bytes`);
    }
    if (this.total + bytes.length > MAX_MESSAGE_BYTES) return refuse('a message over the limit');
    return { ok: true, value: null };
  }
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/**
 * One peer's incoming frames turned back into messages: the frame size limit, strict
 * decoding (./peerProtocol.ts) and chunk reassembly, in that order.
 */
export class FrameReader {
  private readonly assembler = new ChunkAssembler();

  /** The message a frame completes, null while a chunked message is incomplete, or a reason. */
  read(frame: Uint8Array): Checked<PeerMessage | null> {
    if (frame.length > MAX_FRAME_BYTES) {
      return refuse(`a frame of ${frame.length} bytes, over the ${MAX_FRAME_BYTES}-byte limit`);
    }
    const decoded = decodePeerMessage(frame);
    if (!decoded.ok) return decoded;
    if (decoded.value.kind !== MESSAGE_KIND.CHUNK) {
      const between = this.assembler.acceptWhole();
      return between.ok ? decoded : between;
    }
    const assembled = this.assembler.accept(decoded.value);
    if (!assembled.ok || assembled.value === null) return assembled as Checked<null>;
    return decodePeerMessage(assembled.value);
  }

  /** Drops any half-received message. */
  reset(): void {
    this.assembler.reset();
  }
}
