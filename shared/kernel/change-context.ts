/** What every state-changing domain method receives: who acts, when, and where new ids come from. */
import type { IdGenerator } from '../ports/id-generator.js';
import type { Actor } from './actor.js';

export interface ChangeContext {
  readonly actor: Actor;
  readonly now: Date;
  readonly ids: IdGenerator;
}
