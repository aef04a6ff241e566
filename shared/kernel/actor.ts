/**
 * Who performs an action. Domain methods decide permissions from the actor alone, so the same
 * rules hold for the API, rules engine, inbound email and timers.
 */
import type { Role } from '../directory/agent.js';

export type Actor =
  | {
      readonly kind: 'agent';
      readonly agentId: string;
      readonly roles: readonly Role[];
      readonly teamIds: readonly string[];
    }
  | { readonly kind: 'system'; readonly name: string }
  | { readonly kind: 'customer'; readonly email: string }
  /**
   * A team's own mailbox answering an assist by email (e.g. `dba@contoso.example`): not a person
   * in the directory, so it can only act on an assist asked of that team (ADR 0015).
   */
  | { readonly kind: 'mailbox'; readonly address: string; readonly teamId: string };

/** Compact reference stored on timeline entries and events. */
export type ActorRef =
  | { readonly kind: 'agent'; readonly agentId: string }
  | { readonly kind: 'system'; readonly name: string }
  | { readonly kind: 'customer'; readonly email: string }
  | { readonly kind: 'mailbox'; readonly address: string; readonly teamId: string };

export const actorRef = (actor: Actor): ActorRef => {
  switch (actor.kind) {
    case 'agent':
      return { kind: 'agent', agentId: actor.agentId };
    case 'system':
      return { kind: 'system', name: actor.name };
    case 'customer':
      return { kind: 'customer', email: actor.email };
    case 'mailbox':
      return { kind: 'mailbox', address: actor.address, teamId: actor.teamId };
  }
};

export const systemActor = (name: string): Actor => ({ kind: 'system', name });
