/**
 * The approval policy editor's form (strings for the number fields, keys for Svelte's lists) and
 * its mapping to and from the API's settings; the API validates the rest.
 */
import type { TApprovalSettings, TApprovalSettingsInput } from '$shared/api/change-approvals.schemas';

type Rule = TApprovalSettingsInput['policy']['rules'][number];
type Step = Rule['steps'][number];

export interface StepForm {
  key: string;
  group: Step['group'];
  quorum: Step['quorum']['kind'];
  n: string;
  dueHours: string;
  remindHoursBefore: string;
}

export interface RuleForm {
  key: string;
  name: string;
  types: string[];
  risks: string[];
  mode: Rule['mode'];
  onReject: Rule['onReject'];
  steps: StepForm[];
}

export interface PolicyForm {
  rules: RuleForm[];
  changeManagerIds: string[];
  cabMemberIds: string[];
  ecabMemberIds: string[];
}

let keys = 0;
const key = () => `k${++keys}`;

export const blankStep = (): StepForm => ({
  key: key(),
  group: 'change_manager',
  quorum: 'any',
  n: '2',
  dueHours: '24',
  remindHoursBefore: '',
});

export const blankRule = (): RuleForm => ({
  key: key(),
  name: 'New rule',
  types: ['normal'],
  risks: [],
  mode: 'parallel',
  onReject: 'reject_change',
  steps: [blankStep()],
});

export function toPolicyForm(s: TApprovalSettings): PolicyForm {
  return {
    rules: s.policy.rules.map((r) => ({
      key: key(),
      name: r.name,
      types: [...(r.types ?? [])],
      risks: [...(r.risks ?? [])],
      mode: r.mode,
      onReject: r.onReject,
      steps: r.steps.map((st) => ({
        key: key(),
        group: st.group,
        quorum: st.quorum.kind,
        n: st.quorum.kind === 'at_least' ? String(st.quorum.n) : '2',
        dueHours: String(st.dueHours),
        remindHoursBefore: st.remindHoursBefore === null ? '' : String(st.remindHoursBefore),
      })),
    })),
    changeManagerIds: [...s.changeManagerIds],
    cabMemberIds: [...s.cabMemberIds],
    ecabMemberIds: [...s.ecabMemberIds],
  };
}

const quorumOf = (s: StepForm): Step['quorum'] =>
  s.quorum === 'at_least' ? { kind: 'at_least', n: Number(s.n) } : { kind: s.quorum };

export function fromPolicyForm(f: PolicyForm): TApprovalSettingsInput {
  return {
    policy: {
      rules: f.rules.map((r) => ({
        name: r.name.trim(),
        ...(r.types.length > 0 ? { types: r.types as Rule['types'] } : {}),
        ...(r.risks.length > 0 ? { risks: r.risks as Rule['risks'] } : {}),
        mode: r.mode,
        onReject: r.onReject,
        steps: r.steps.map((s) => ({
          group: s.group,
          quorum: quorumOf(s),
          dueHours: Number(s.dueHours),
          // A number field may hand back a number or an empty value: both read as text here.
          remindHoursBefore: String(s.remindHoursBefore ?? '').trim() === '' ? null : Number(s.remindHoursBefore),
        })),
      })),
    },
    changeManagerIds: f.changeManagerIds,
    cabMemberIds: f.cabMemberIds,
    ecabMemberIds: f.ecabMemberIds,
  };
}
