/**
 * An assist: one request for help from a work item's owner to an expert agent or a team (the same
 * for tickets, changes and problems: ADR 0025). Several run in parallel; each has its own state,
 * due time and thread. Assists live in the work item's partition and change only through its
 * aggregate (work-items/work-item-assists.ts), which records the story.
 */
import type { Actor } from '../kernel/actor.js';
import { type DomainError, fail, ok, type Result } from '../kernel/result.js';
import type { Home, NumberKey, WorkItemKey } from '../work-items/work-item.js';
import { type AssistAction, type AssistState, isOpenAssistState, nextAssistState } from './assist-state.js';

export type AssistTarget =
  | { readonly kind: 'agent'; readonly agentId: string }
  | { readonly kind: 'team'; readonly teamId: string };

/** The work item an assist belongs to: `{ ticketId, ticketNumber }` for a ticket's. */
export type AssistHome<K extends WorkItemKey> = Home<K> & { readonly [P in NumberKey<K>]: string };

interface AssistFields {
  readonly id: string;
  readonly docType: 'assist';
  readonly state: AssistState;
  readonly target: AssistTarget;
  /** The agent answering: named at request for agent targets, set on acceptance for team targets. */
  readonly expertAgentId: string | null;
  readonly expertTeamId: string | null;
  readonly requestedBy: string;
  readonly question: string;
  readonly dueAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly contributionCount: number;
}

export type AssistSnapshot<K extends WorkItemKey = 'ticketId'> = AssistFields & AssistHome<K>;

export class Assist<K extends WorkItemKey = 'ticketId'> {
  private constructor(private state: AssistSnapshot<K>) {}

  static fromSnapshot<K extends WorkItemKey = 'ticketId'>(snapshot: AssistSnapshot<K>): Assist<K> {
    return new Assist(snapshot);
  }

  static request<K extends WorkItemKey>(props: {
    id: string;
    home: AssistHome<K>;
    target: AssistTarget;
    requestedBy: string;
    question: string;
    dueAt: string | null;
    now: Date;
  }): Assist<K> {
    const at = props.now.toISOString();
    return new Assist<K>({
      id: props.id,
      ...props.home,
      docType: 'assist',
      state: 'requested',
      target: props.target,
      expertAgentId: props.target.kind === 'agent' ? props.target.agentId : null,
      expertTeamId: props.target.kind === 'team' ? props.target.teamId : null,
      requestedBy: props.requestedBy,
      question: props.question,
      dueAt: props.dueAt,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      contributionCount: 0,
    });
  }

  toSnapshot(): AssistSnapshot<K> {
    return this.state;
  }

  get id(): string {
    return this.state.id;
  }

  get isOpen(): boolean {
    return isOpenAssistState(this.state.state);
  }

  /** The named expert, or (before anyone took a team request) any member of the team. */
  isExpert(actor: Actor): boolean {
    // A team's mailbox speaks for the team until one of its people took the assist.
    if (actor.kind === 'mailbox') return this.state.expertAgentId === null && this.state.expertTeamId === actor.teamId;
    if (actor.kind !== 'agent') return false;
    if (this.state.expertAgentId !== null) return this.state.expertAgentId === actor.agentId;
    return this.state.expertTeamId !== null && actor.teamIds.includes(this.state.expertTeamId);
  }

  /**
   * Moves the assist through its table. Returns the state it left, so the aggregate can tell
   * an implicit acceptance (a first contribution) from an ordinary one.
   */
  apply(action: AssistAction, actor: Actor, now: Date): Result<{ from: AssistState; to: AssistState }> {
    const from = this.state.state;
    const to = nextAssistState(from, action);
    if (to === undefined) return this.refuse(action);
    const at = now.toISOString();
    const takesOver =
      this.state.expertAgentId === null && actor.kind === 'agent' && action !== 'withdraw' && action !== 'time_out';
    this.state = {
      ...this.state,
      state: to,
      updatedAt: at,
      expertAgentId: takesOver && actor.kind === 'agent' ? actor.agentId : this.state.expertAgentId,
      closedAt: isOpenAssistState(to) ? null : at,
      contributionCount: this.state.contributionCount + (action === 'contribute' ? 1 : 0),
    };
    return ok({ from, to });
  }

  /** The owner writing into the thread (a follow-up question) does not move the state. */
  recordOwnerMessage(now: Date): Result<void> {
    if (!this.isOpen) return this.refuse('contribute');
    this.state = { ...this.state, updatedAt: now.toISOString(), contributionCount: this.state.contributionCount + 1 };
    return ok(undefined);
  }

  private refuse(action: AssistAction): Result<never> {
    const error: DomainError =
      this.state.state === 'answered'
        ? { code: 'ASSIST.ALREADY_ANSWERED', message: `The assist is already answered; it cannot ${action}` }
        : {
            code: 'ASSIST.ILLEGAL_TRANSITION',
            message: `An assist in state '${this.state.state}' cannot ${action}`,
            details: { state: this.state.state, action },
          };
    return fail(error.code, error.message, error.details as Record<string, unknown> | undefined);
  }
}
