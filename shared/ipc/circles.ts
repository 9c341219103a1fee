/**
 * Circles as main keeps them on this laptop, and the signalling endpoints and notices that
 * go with them: the `hearth:circles:*`, `hearth:journal:*`, `hearth:sync:*` and
 * `hearth:notices:*` channels.
 */
import type { CircleId, DocId, MemberId } from '../notebook/ids';
import type { MemberColour } from '../notebook/schema';
import type { TurnServer } from '../sync/meetingPoints';

/** One document's update in a `docs.appendMany` request. */
export interface DocAppend {
  docId: DocId;
  update: Uint8Array;
}

/** A signalling endpoint a laptop can meet its peers through (y-webrtc's protocol over WebSocket). */
export interface SignallingEndpoint {
  /** `ws://address:port`. */
  url: string;
  /** Where this laptop learned of it. */
  source: 'this-laptop' | 'discovered';
}

/** Where this laptop's private journal is kept: its documents are read and written like a circle's. */
export interface JournalInfo {
  journalId: CircleId;
}

/** What joining a circle from an invite needs (the invite itself is decoded in the renderer). */
export interface JoinCircle {
  circleId: CircleId;
  /** The circle key from the invite, base64url. */
  circleKey: string;
  /** The circle's name as written in the invite, until the notebook arrives. */
  name: string;
  memberName: string;
  colour: MemberColour;
  /**
   * False when the colour is the dialog's guess, not the member's choice: it then changes,
   * once, to one nobody in the circle has when the notebook arrives.
   */
  colourChosen: boolean;
  /** The signalling endpoints written in the invite, tried until the laptops meet. */
  endpoints: string[];
  /** The TURN relays written in a version 2 invite (none in a version 1 invite). */
  turn: TurnServer[];
}

/** A circle as listed in the circle switcher. */
export interface CircleSummary {
  id: CircleId;
  name: string;
  memberName: string;
  colour: MemberColour;
  createdAt: number;
  lastOpenedAt: number;
}

/** Who this laptop is in a circle, and the circle's secret key. Kept only on this laptop. */
export interface CircleProfile {
  circleId: CircleId;
  memberId: MemberId;
  memberName: string;
  colour: MemberColour;
  /**
   * True while the colour is a guess made before the circle's members were known (the
   * member did not choose it): it is settled once they are
   * (shared/notebook/newcomerColour.ts).
   */
  colourByDefault?: true;
  /** The circle key: 32 random bytes, base64url. Never logged, never in awareness. */
  circleKey: string;
  createdAt: number;
  /** Signalling endpoints written in the invite this laptop joined with (`ws://`, `wss://`). */
  inviteEndpoints: string[];
  /**
   * TURN relays written in the invite this laptop joined with (absent: none): a laptop at
   * home needs them before the notebook, with the circle's own list, has arrived.
   */
  inviteTurn?: TurnServer[];
}

/** What the renderer needs to open a circle. */
export interface OpenedCircle {
  summary: CircleSummary;
  profile: CircleProfile;
  /** Every document stored for the circle. */
  docIds: DocId[];
  /** The index document's stored state (null for none yet): the opening's one round trip. */
  indexState: Uint8Array | null;
}

/** What a member types to make a circle. */
export interface NewCircle {
  name: string;
  memberName: string;
  colour: MemberColour;
}

/** Something the member must be told about their files, in plain words. */
export interface StoreNotice {
  id: string;
  kind:
    | 'damaged-tail-dropped'
    | 'damaged-records-skipped'
    | 'unreadable-file-set-aside'
    | 'circle-locked';
  circleId: CircleId | null;
  circleName: string | null;
  docId: DocId | null;
  /** Where the untouched copy of the damaged file was put. */
  savedCopyPath: string | null;
  /** How many bytes of the file could not be read. */
  bytesLost: number;
  at: number;
}
