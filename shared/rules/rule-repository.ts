/**
 * Rules in the `config` container (partition `rules`, one document each, etag-guarded). The
 * list is small and read on every event, so it is cached briefly; this process's own writes
 * invalidate the cache at once, other instances see them within `ttlMs`. The compiled set the
 * engine evaluates is cached per rules version. Each rule's versions (rule-versions.ts) live in
 * the same partition and are written in the same batch as the rule.
 */
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { Rule } from './rule-schema.js';
import { type CompiledRuleSet, compileRuleSet } from './rule-set.js';
import { fromVersionDoc, type RuleVersion, type RuleVersionDoc, toVersionDoc, versionDocId } from './rule-versions.js';

export const RULES_PK = 'rules';
export interface VersionedRule {
  readonly doc: Rule;
  readonly etag: string;
}

type RuleDoc = Rule & StoredDocument & { readonly pk: typeof RULES_PK; readonly docType: 'rule' };

const strip = (doc: RuleDoc): Rule => {
  const { pk: _pk, docType: _docType, ...rule } = doc;
  return rule as Rule;
};

export class RuleRepository {
  private cached: { at: number; rules: VersionedRule[] } | null = null;
  private compiledSet: { version: string; set: CompiledRuleSet } | null = null;

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly ttlMs = 2_000,
  ) {}

  async list(): Promise<VersionedRule[]> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.rules;
    const rules: VersionedRule[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<RuleDoc>('config', {
        partitionKey: RULES_PK,
        where: [{ field: 'docType', op: 'eq', value: 'rule' }],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      rules.push(...page.items.map((i) => ({ doc: strip(i.doc), etag: i.etag })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    rules.sort((a, b) => a.doc.order - b.doc.order || a.doc.id.localeCompare(b.doc.id));
    this.cached = { at: now, rules };
    return rules;
  }

  /**
   * The enabled rules compiled for evaluation, rebuilt only when the rules version (every id and
   * etag) changes: a re-read after the TTL that finds the same rules reuses the compiled set.
   */
  async compiled(): Promise<CompiledRuleSet> {
    const rules = await this.list();
    let version = '';
    for (const r of rules) version += `${r.doc.id}@${r.etag};`;
    if (this.compiledSet?.version !== version)
      this.compiledSet = { version, set: compileRuleSet(rules.map((r) => r.doc)) };
    return this.compiledSet.set;
  }

  async get(id: string): Promise<VersionedRule | undefined> {
    const found = await this.store.read<RuleDoc>('config', RULES_PK, id);
    return found ? { doc: strip(found.doc), etag: found.etag } : undefined;
  }

  /**
   * Creates or replaces (etag-guarded when `ifMatch` is given) several rules atomically, with the
   * versions the save writes (created, never replaced: a second save of the same version fails).
   */
  async save(
    rules: readonly { rule: Rule; ifMatch?: string | null }[],
    versions: readonly RuleVersion[] = [],
  ): Promise<string[]> {
    this.cached = null;
    const etags = await this.store.batch('config', RULES_PK, [
      ...rules.map(({ rule, ifMatch }) => {
        const doc: RuleDoc = { ...rule, pk: RULES_PK, docType: 'rule' };
        return ifMatch === null
          ? { op: 'create' as const, doc }
          : ifMatch === undefined
            ? { op: 'upsert' as const, doc }
            : { op: 'replace' as const, doc, ifMatch };
      }),
      ...versions.map((v) => ({ op: 'create' as const, doc: toVersionDoc(v) })),
    ]);
    this.cached = null;
    return etags;
  }

  async remove(id: string, ifMatch?: string, versions: readonly RuleVersion[] = []): Promise<void> {
    this.cached = null;
    await this.store.batch('config', RULES_PK, [
      { op: 'delete', id, ...(ifMatch ? { ifMatch } : {}) },
      ...versions.map((v) => ({ op: 'create' as const, doc: toVersionDoc(v) })),
    ]);
    this.cached = null;
  }

  /**
   * The versions of a rule, newest first, from `latest` down (at most `limit`). Version ids are
   * `<rule>.v<n>`, so these are point reads: no query over the partition's other rules' history.
   */
  async versions(ruleId: string, latest: number, limit = 100): Promise<RuleVersion[]> {
    const numbers = Array.from({ length: Math.min(latest, limit) }, (_, i) => latest - i);
    const found = await Promise.all(numbers.map((n) => this.version(ruleId, n)));
    return found.filter((v): v is RuleVersion => v !== undefined);
  }

  async version(ruleId: string, version: number): Promise<RuleVersion | undefined> {
    const found = await this.store.read<RuleVersionDoc>('config', RULES_PK, versionDocId(ruleId, version));
    return found ? fromVersionDoc(found.doc) : undefined;
  }
}
