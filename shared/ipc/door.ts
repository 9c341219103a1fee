/** The circle's door, opened and knocked on (shared/sync/DOOR.md): the `hearth:door:*` channels. */
import type { CircleId } from '../notebook/ids';
import type { MemberColour } from '../notebook/schema';
import type { CircleSummary } from './circles';

/** What an open door announces: its nickname (two safety words) or the circle's name. */
export type DoorLabelKind = 'nickname' | 'circle-name';

/** What a facilitator chooses when opening the circle's door (shared/sync/DOOR.md). */
export interface OpenDoor {
  circleId: CircleId;
  /** The circle's name as the notebook has it now: written into the invite. */
  circleName: string;
  /** Announce the circle's name instead of the door's nickname. */
  showCircleName: boolean;
  /** How long the door stays open, 1–30 minutes. */
  minutes: number;
}

/** Someone knocking at this laptop's door, waiting for an answer. */
export interface WaitingKnock {
  knockId: string;
  memberName: string;
  colour: MemberColour;
  /** The four safety words both screens show. */
  words: string[];
  /** When the knock expires unanswered (ms since 1970). */
  expiresAt: number;
}

/** This laptop's open door. */
export interface DoorState {
  circleId: CircleId;
  /** The door's nickname, two safety words, shown so the room picks the right door. */
  nickname: string;
  /** What nearby laptops see: the nickname, or the circle's name. */
  label: string;
  labelKind: DoorLabelKind;
  /** When the door closes by itself (ms since 1970). */
  closesAt: number;
  /** False when this laptop cannot announce on the network (mDNS is off). */
  announced: boolean;
  knocks: WaitingKnock[];
  /** Who was let in while the door was open. */
  letIn: { memberName: string; colour: MemberColour }[];
}

/** A door open on the local network. */
export interface NearbyDoor {
  /** Names the door for knocking; random for each opening. */
  doorId: string;
  label: string;
  labelKind: DoorLabelKind;
}

/** A knock on a nearby door: who is knocking. */
export interface KnockRequest {
  doorId: string;
  memberName: string;
  colour: MemberColour;
  /** False when the colour is the dialog's guess (see `JoinCircle.colourChosen`). */
  colourChosen: boolean;
}

/** Why a knock ended without joining. */
export type KnockEnd =
  'not-now' | 'door-closed' | 'expired' | 'busy' | 'unreachable' | 'broken' | 'join-failed';

/** How a knock is going, for the knocker's screen. */
export type KnockProgress =
  | { knockId: string; stage: 'knocking' }
  | { knockId: string; stage: 'words'; words: string[] }
  | { knockId: string; stage: 'joined'; circle: CircleSummary; safetyCode: string[] }
  | { knockId: string; stage: 'ended'; reason: KnockEnd };
