/**
 * The shape of one function declaration. Every function is declared ONCE in the catalog;
 * the Azure entry registers each declaration with @azure/functions and the local host serves
 * the same declarations (HTTP routes, NCRONTAB timers, queue triggers).
 *
 * Handlers are built from the composed services lazily, so registration stays synchronous
 * and the composition root runs once per process.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext, Timer } from '@azure/functions';
import type { BusMessage, QueueName } from '../../shared/ports/message-bus.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type HttpHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
export type TimerHandler = (timer: Timer, context: InvocationContext) => Promise<void>;
export type QueueHandler = (message: BusMessage, context: InvocationContext) => Promise<void>;

export interface HttpTrigger {
  readonly type: 'http';
  /** Azure route template under the `/api` prefix, e.g. `tickets/{id}`. */
  readonly route: string;
  readonly methods: readonly HttpMethod[];
}

export interface TimerTrigger {
  readonly type: 'timer';
  /** Six-field NCRONTAB: `{second} {minute} {hour} {day} {month} {day-of-week}`. */
  readonly schedule: string;
}

export interface QueueTrigger {
  readonly type: 'queue';
  readonly queueName: QueueName;
}

export type FunctionDefinition<S> =
  | { readonly name: string; readonly trigger: HttpTrigger; readonly handler: (services: S) => HttpHandler }
  | { readonly name: string; readonly trigger: TimerTrigger; readonly handler: (services: S) => TimerHandler }
  | { readonly name: string; readonly trigger: QueueTrigger; readonly handler: (services: S) => QueueHandler };

export type HttpFunctionDefinition<S> = Extract<FunctionDefinition<S>, { trigger: HttpTrigger }>;
export type TimerFunctionDefinition<S> = Extract<FunctionDefinition<S>, { trigger: TimerTrigger }>;
export type QueueFunctionDefinition<S> = Extract<FunctionDefinition<S>, { trigger: QueueTrigger }>;
