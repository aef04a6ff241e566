/**
 * LiveChannel (ADR 0027): pushes small messages to the browsers of signed-in agents, by group
 * (`tickets` for every ticket change, `ticket.<id>` for one ticket's changes and presence).
 * Adapters: the local host's own server-sent events (`npm start`) and Azure Web PubSub. Messages
 * are hints (an id and what happened, never content): a browser re-reads through the API, which
 * checks access, and a lost message is caught up by the next read.
 */

/** A live message: JSON, at most a few hundred bytes. */
export type LiveMessage = Readonly<Record<string, unknown>> & { readonly type: string };

/** Where a browser connects to receive its groups' messages. */
export interface LiveClientAccess {
  /** `sse`: an EventSource on `url` with `group=` parameters; `web-pubsub`: a WebSocket with the json.webpubsub.azure.v1 subprotocol. */
  readonly transport: 'sse' | 'web-pubsub';
  readonly url: string;
  readonly expiresAt: string;
}

export interface LiveChannel {
  /** Sends to every connection in `group`; throws when the service cannot be reached. */
  publish(group: string, message: LiveMessage): Promise<void>;
  /** A short-lived way in for one agent's browser. */
  clientAccess(agentId: string, now: Date): Promise<LiveClientAccess>;
}

/** Groups a browser may be in: every ticket change, or one ticket's. */
export const LIVE_GROUP_PATTERN = /^(tickets|ticket\.[A-Za-z0-9_-]{1,100})$/;
export const ticketGroup = (ticketId: string): string => `ticket.${ticketId}`;
export const TICKETS_GROUP = 'tickets';
