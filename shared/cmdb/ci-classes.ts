/**
 * CI classes and their attributes. Each class declares the attributes a CI of that class may
 * carry, with a kind and limits; `validateAttributes` checks a CI's attribute bag against its class
 * and names every offending attribute. The nine built-in classes can be extended by configuration
 * (`classRegistry(extra)`): a configured class is the same data, so nothing here is hard-wired to them.
 */
import { fail, ok, type Result } from '../kernel/result.js';

export type AttributeSpec =
  | { readonly kind: 'text'; readonly required?: boolean; readonly maxLength?: number }
  | {
      readonly kind: 'number';
      readonly required?: boolean;
      readonly min?: number;
      readonly max?: number;
      readonly integer?: boolean;
    }
  | { readonly kind: 'boolean'; readonly required?: boolean }
  | { readonly kind: 'enum'; readonly required?: boolean; readonly values: readonly string[] };

export interface CiClassDefinition {
  readonly id: string;
  readonly label: string;
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
}

export type AttributeValue = string | number | boolean;
export type CiAttributes = Readonly<Record<string, AttributeValue>>;

const text = (maxLength = 200): AttributeSpec => ({ kind: 'text', maxLength });
const int = (min: number, max: number): AttributeSpec => ({ kind: 'number', integer: true, min, max });
const OS = { os: text(100) };
const SIZING = { cpuCores: int(1, 4096), memoryGb: { kind: 'number', min: 0, max: 1_000_000 } } as const;

export const BUILT_IN_CLASSES: readonly CiClassDefinition[] = [
  {
    id: 'business_service',
    label: 'Business service',
    attributes: { serviceLevel: text(100), customerFacing: { kind: 'boolean' } },
  },
  { id: 'application', label: 'Application', attributes: { version: text(50), vendor: text(100), url: text(500) } },
  { id: 'server', label: 'Server', attributes: { ...OS, ...SIZING, model: text(100) } },
  { id: 'virtual_machine', label: 'Virtual machine', attributes: { ...OS, ...SIZING, hypervisor: text(100) } },
  {
    id: 'database',
    label: 'Database',
    attributes: {
      engine: { kind: 'enum', values: ['postgresql', 'sqlserver', 'oracle', 'mysql', 'mongodb', 'other'] },
      version: text(50),
    },
  },
  {
    id: 'network_device',
    label: 'Network device',
    attributes: {
      deviceType: { kind: 'enum', values: ['switch', 'router', 'firewall', 'load_balancer', 'access_point', 'other'] },
      ports: int(0, 100_000),
    },
  },
  { id: 'storage', label: 'Storage', attributes: { capacityTb: { kind: 'number', min: 0, max: 1_000_000 } } },
  { id: 'workstation', label: 'Workstation', attributes: { ...OS, assignedTo: text(254) } },
  {
    id: 'cloud_resource',
    label: 'Cloud resource',
    attributes: {
      provider: { kind: 'enum', required: true, values: ['azure', 'aws', 'gcp', 'other'] },
      region: text(50),
      resourceId: text(500),
    },
  },
];

export interface ClassRegistry {
  get(classId: string): CiClassDefinition | undefined;
  all(): readonly CiClassDefinition[];
}

/** The built-in classes plus configured ones (a configured class with a built-in id replaces it). */
export const classRegistry = (extra: readonly CiClassDefinition[] = []): ClassRegistry => {
  const byId = new Map<string, CiClassDefinition>();
  for (const c of [...BUILT_IN_CLASSES, ...extra]) byId.set(c.id, c);
  return { get: (id) => byId.get(id), all: () => [...byId.values()] };
};

export interface AttributeProblem {
  readonly path: string;
  readonly message: string;
}

const checkValue = (spec: AttributeSpec, value: AttributeValue): string | null => {
  switch (spec.kind) {
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      return value.length > (spec.maxLength ?? 200) ? `must be at most ${spec.maxLength ?? 200} characters` : null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (spec.integer && !Number.isInteger(value)) return 'must be a whole number';
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? null
        : `must be one of ${spec.values.join(', ')}`;
  }
};

/** Every attribute problem of `attributes` for the class (unknown names, wrong kinds, missing required). */
export function attributeProblems(definition: CiClassDefinition, attributes: CiAttributes): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    const spec = definition.attributes[name];
    if (!spec) {
      problems.push({ path: `attributes.${name}`, message: `is not an attribute of class ${definition.id}` });
      continue;
    }
    const wrong = checkValue(spec, value);
    if (wrong) problems.push({ path: `attributes.${name}`, message: wrong });
  }
  for (const [name, spec] of Object.entries(definition.attributes))
    if (spec.required && attributes[name] === undefined)
      problems.push({ path: `attributes.${name}`, message: `is required for class ${definition.id}` });
  return problems;
}

export function validateAttributes(
  registry: ClassRegistry,
  classId: string,
  attributes: CiAttributes,
): Result<CiClassDefinition> {
  const definition = registry.get(classId);
  if (!definition)
    return fail('REQUEST.VALIDATION_FAILED', `Unknown CI class "${classId}"`, {
      errors: [{ path: 'ciClass', message: `unknown class ${classId}` }],
    });
  const problems = attributeProblems(definition, attributes);
  if (problems.length > 0)
    return fail(
      'REQUEST.VALIDATION_FAILED',
      `Attributes not valid for ${definition.label}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      { errors: problems },
    );
  return ok(definition);
}
