/**
 * The configuration-item facts rule conditions (and so routing rules) read under `cis.*`: the
 * classes and criticality of the ticket's affected CIs and the business services their failure
 * impacts (issue 15). A ticket stores only the CI ids, so these are read from the CMDB when a
 * rule asks: the runner loads them only when an enabled rule names a `cis.` field and the ticket
 * has affected CIs, so rules that never mention CIs cost nothing extra.
 *
 * Condition examples: `{field: 'cis.classes', op: 'contains', value: 'database'}`,
 * `{field: 'cis.criticality', op: 'lte', value: 2}` (1 is the most critical),
 * `{field: 'cis.services', op: 'in', values: ['ci_payroll']}`, `{field: 'cis.primary.ciClass', ...}`.
 */
import type { CiSnapshot } from '../cmdb/ci.js';
import { analyseImpact, type ImpactGraph } from '../cmdb/impact.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';

export interface RuleCi {
  readonly id: string;
  readonly name: string;
  readonly ciClass: string;
  readonly criticality: number;
  readonly environment: string;
}

export interface RuleCiFacts {
  /** The affected CI ids, the primary first. */
  readonly ids: readonly string[];
  readonly primary: RuleCi | null;
  /** Distinct classes of the affected CIs. */
  readonly classes: readonly string[];
  /** The most critical affected CI's criticality (1 is the most critical); null without CIs. */
  readonly criticality: number | null;
  readonly environments: readonly string[];
  /** Business services impacted: affected ones and those downstream that go down or degrade. */
  readonly services: readonly string[];
  readonly serviceNames: readonly string[];
  /** The most critical impacted service's criticality; null when none is impacted. */
  readonly serviceCriticality: number | null;
}

export const NO_CIS: RuleCiFacts = {
  ids: [],
  primary: null,
  classes: [],
  criticality: null,
  environments: [],
  services: [],
  serviceNames: [],
  serviceCriticality: null,
};

/** Loads the CI facts of a ticket (NO_CIS when it has no affected CIs). */
export type CiFactsSource = (ticket: TicketSnapshot) => Promise<RuleCiFacts>;

const BUSINESS_SERVICE = 'business_service';
/** Rules look at what is close to the failure; the impact page goes deeper on demand. */
const RULE_IMPACT_DEPTH = 5;

const toRuleCi = (ci: CiSnapshot): RuleCi => ({
  id: ci.id,
  name: ci.name,
  ciClass: ci.ciClass,
  criticality: ci.criticality,
  environment: ci.environment,
});

const minOf = (values: readonly number[]): number | null => (values.length === 0 ? null : Math.min(...values));

export function cmdbCiFacts(
  cmdb: ImpactGraph & { many(ids: readonly string[]): Promise<CiSnapshot[]> },
): CiFactsSource {
  return async (ticket) => {
    const affected = [...(ticket.affectedCis ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary));
    if (affected.length === 0) return NO_CIS;
    const byId = new Map((await cmdb.many(affected.map((a) => a.ciId))).map((ci) => [ci.id, ci]));
    // A CI retired or removed since keeps its id on the ticket but contributes no facts.
    const cis = affected.map((a) => byId.get(a.ciId)).filter((ci): ci is CiSnapshot => ci !== undefined);
    const impact = cis.length
      ? await analyseImpact(
          cmdb,
          cis.map((c) => c.id),
          { direction: 'downstream', depth: RULE_IMPACT_DEPTH },
        )
      : null;
    const services = new Map<string, { name: string; criticality: number }>();
    for (const ci of cis)
      if (ci.ciClass === BUSINESS_SERVICE) services.set(ci.id, { name: ci.name, criticality: ci.criticality });
    for (const item of impact?.businessServices ?? [])
      services.set(item.ci.id, { name: item.ci.name, criticality: item.ci.criticality });
    const primary = affected[0]?.primary ? byId.get(affected[0].ciId) : undefined;
    return {
      ids: affected.map((a) => a.ciId),
      primary: primary ? toRuleCi(primary) : null,
      classes: [...new Set(cis.map((c) => c.ciClass))],
      criticality: minOf(cis.map((c) => c.criticality)),
      environments: [...new Set(cis.map((c) => c.environment))],
      services: [...services.keys()],
      serviceNames: [...services.values()].map((s) => s.name),
      serviceCriticality: minOf([...services.values()].map((s) => s.criticality)),
    };
  };
}
