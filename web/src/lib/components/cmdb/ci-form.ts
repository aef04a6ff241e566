/**
 * The CI form's rules apart from its markup: the form's text fields from a CI, the create body or
 * the edit patch from the form (only the fields that changed and that the CI's master leaves to
 * us), and which fields are read-only because Valuemation supplies them.
 */
import type { TCi, TCreateCi, TUpdateCi } from '$shared/api/cmdb.schemas';
import { CI_FIELD_NAMES } from '$shared/cmdb/ci';
import type { AttributeSpec } from '$shared/cmdb/ci-classes';

export interface CiFormState {
  name: string;
  ciClass: string;
  status: string;
  environment: string;
  criticality: string;
  ownerTeamId: string;
  location: string;
  assetTag: string;
  serial: string;
  hostNames: string;
  ipAddresses: string;
  /** Attribute values as typed (booleans as 'true' / ''). */
  attributes: Record<string, string>;
  membersDownToFail: string;
}

export const emptyForm = (): CiFormState => ({
  name: '',
  ciClass: 'server',
  status: 'active',
  environment: 'production',
  criticality: '3',
  ownerTeamId: '',
  location: '',
  assetTag: '',
  serial: '',
  hostNames: '',
  ipAddresses: '',
  attributes: {},
  membersDownToFail: '',
});

export function formOf(ci: TCi): CiFormState {
  return {
    name: ci.name,
    ciClass: ci.ciClass,
    status: ci.status,
    environment: ci.environment,
    criticality: String(ci.criticality),
    ownerTeamId: ci.ownerTeamId ?? '',
    location: ci.location ?? '',
    assetTag: ci.assetTag ?? '',
    serial: ci.serial ?? '',
    hostNames: ci.hostNames.join(', '),
    ipAddresses: ci.ipAddresses.join(', '),
    attributes: Object.fromEntries(Object.entries(ci.attributes).map(([k, v]) => [k, String(v)])),
    membersDownToFail: ci.redundancy ? String(ci.redundancy.membersDownToFail) : '',
  };
}

/** The fields the CI's master supplies: read-only here (every field of an older Valuemation CI). */
export function masteredFields(ci: Pick<TCi, 'master' | 'masteredFields'> | null): ReadonlySet<string> {
  if (!ci || ci.master === 'local') return new Set();
  return new Set(ci.masteredFields ?? CI_FIELD_NAMES);
}

const list = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((v) => v.trim())
    .filter(Boolean);
const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function attributesOf(form: CiFormState, specs: Readonly<Record<string, AttributeSpec>>) {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = form.attributes[name] ?? '';
    if (spec.kind === 'boolean') {
      if (raw !== '') out[name] = raw === 'true';
    } else if (raw.trim() !== '') out[name] = spec.kind === 'number' ? Number(raw) : raw.trim();
  }
  return out;
}

export function createBody(form: CiFormState, specs: Readonly<Record<string, AttributeSpec>>): TCreateCi {
  const down = form.membersDownToFail.trim();
  return {
    name: form.name.trim(),
    ciClass: form.ciClass,
    status: form.status as TCreateCi['status'],
    environment: form.environment as TCreateCi['environment'],
    criticality: Number(form.criticality) as TCreateCi['criticality'],
    ownerTeamId: orNull(form.ownerTeamId),
    location: orNull(form.location),
    assetTag: orNull(form.assetTag),
    serial: orNull(form.serial),
    hostNames: list(form.hostNames),
    ipAddresses: list(form.ipAddresses),
    attributes: attributesOf(form, specs),
    redundancy: down ? { membersDownToFail: Number(down) } : null,
  };
}

/** The PATCH body: fields that differ from the CI and are not mastered elsewhere. */
export function updatePatch(ci: TCi, form: CiFormState, specs: Readonly<Record<string, AttributeSpec>>): TUpdateCi {
  const next = createBody(form, specs);
  const locked = masteredFields(ci);
  const patch: Record<string, unknown> = {};
  for (const field of CI_FIELD_NAMES) {
    if (locked.has(field)) continue;
    if (JSON.stringify(next[field]) !== JSON.stringify(ci[field])) patch[field] = next[field];
  }
  return patch as TUpdateCi;
}
