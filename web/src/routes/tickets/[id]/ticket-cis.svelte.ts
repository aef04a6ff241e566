/**
 * The ticket's CI facts (issue 15), loaded once for the header and the CI panel: affected CIs,
 * impacted business services, suggested CIs and other open incidents on the same CIs or
 * services; reloaded whenever the ticket changes.
 */
import { cmdbApi, type TTicketCiFacts } from '$lib/api/cmdb-endpoints';

export class TicketCis {
  facts = $state<TTicketCiFacts | null>(null);
  failed = $state('');

  async load(ticketId: string): Promise<void> {
    try {
      this.facts = await cmdbApi.ticketCis(ticketId);
      this.failed = '';
    } catch (error) {
      this.failed = error instanceof Error ? error.message : String(error);
    }
  }

  get primary() {
    return this.facts?.items.find((i) => i.primary) ?? null;
  }

  /** The support groups of the affected CIs (primary first), for "ask the CI's support group". */
  get supportGroups(): { teamId: string; ciName: string }[] {
    const seen = new Set<string>();
    const items = [...(this.facts?.items ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary));
    return items.flatMap((i) => {
      const teamId = i.ci?.ownerTeamId;
      if (!teamId || seen.has(teamId)) return [];
      seen.add(teamId);
      return [{ teamId, ciName: i.ci?.name ?? i.ciId }];
    });
  }
}
