/**
 * Errors that cross the IPC boundary. Electron and the WebSocket bridge both carry only
 * a message string, so the kind travels as a prefix the renderer can recognise and
 * turn into plain words for the member.
 */

/** Kinds of failure a request can report. */
export type HearthErrorKind =
  | 'invalid-argument'
  | 'forbidden-sender'
  | 'not-found'
  | 'storage-failed'
  | 'disk-full'
  | 'internal';

/** An error with a kind the renderer can act on. */
export class HearthError extends Error {
  constructor(
    readonly kind: HearthErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'HearthError';
  }

  /** The wire form: `[kind] message`. */
  toWire(): string {
    return `[${this.kind}] ${this.message}`;
  }

  /** Recovers a HearthError from a wire message (Electron prefixes its own text). */
  static fromWire(message: string): HearthError {
    const match =
      /\[(invalid-argument|forbidden-sender|not-found|storage-failed|disk-full|internal)\] (.*)$/s.exec(
        message,
      );
    if (match === null) return new HearthError('internal', message);
    return new HearthError(match[1] as HearthErrorKind, match[2]!);
  }
}
