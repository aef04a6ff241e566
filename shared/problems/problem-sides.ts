/**
 * What a problem needs of the other practices (issue 17), each written through that practice's
 * own commands, never by writing its documents from here: the incidents (find, link both ways,
 * a note with the workaround: shared/changes/change-ticket-side.ts, the same side changes use)
 * and the changes (the one it was raised from, the one that fixes it). A link takes nothing from
 * the other item's owner.
 */

import type { CloseCode } from '../changes/change-state.js';
import type { ChangeUseCases } from '../changes/change-use-cases.js';
import type { Actor } from '../kernel/actor.js';
import type { Result } from '../kernel/result.js';
import type { LinkKind, LinkTarget } from '../work-items/work-item-links.js';

export type { LinkedTicket, TicketSide } from '../changes/change-ticket-side.js';

export interface LinkedChange {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly closeCode: CloseCode | null;
  readonly affectedCiIds: readonly string[];
}

export interface ChangeSide {
  find(idOrNumber: string): Promise<LinkedChange | undefined>;
  link(changeId: string, kind: LinkKind, target: LinkTarget, actor: Actor): Promise<Result<unknown>>;
  unlink(
    changeId: string,
    kind: LinkKind,
    targetId: string,
    reason: string | null,
    actor: Actor,
  ): Promise<Result<unknown>>;
}

export const changeSide = (changes: ChangeUseCases): ChangeSide => ({
  async find(idOrNumber) {
    const id = await changes.resolveId(idOrNumber);
    const found = id ? await changes.get(id) : undefined;
    if (!found?.ok) return undefined;
    const { change } = found.value;
    return {
      id: change.id,
      number: change.number,
      title: change.title,
      closeCode: change.closeCode,
      affectedCiIds: change.affectedCiIds,
    };
  },
  link: (changeId, kind, target, actor) => changes.link(changeId, kind, target, actor),
  unlink: (changeId, kind, targetId, reason, actor) => changes.unlink(changeId, kind, targetId, reason, actor),
});

/** A change that did not go well is where a problem starts (issue 17: "from an unsuccessful change"). */
export const isUnsuccessful = (closeCode: CloseCode | null): boolean =>
  closeCode === 'unsuccessful' || closeCode === 'backed_out' || closeCode === 'successful_with_issues';
