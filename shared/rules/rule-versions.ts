/**
 * Rule versions (ADR 0028): every save of a rule (create, edit, switch on or off, restore,
 * delete) writes an immutable version document beside the rule, in the same `rules` partition
 * and the same batch as the rule itself, so a rule never changes without its version. A version
 * holds the whole definition as saved, who saved it and why; restoring one saves its definition
 * again as a new version (history is never rewritten).
 */
import type { ActorRef } from '../kernel/actor.js';
import type { StoredDocument } from '../ports/document-store.js';
import type { Rule, TRuleDefinition } from './rule-schema.js';

export const RULE_CHANGES = ['created', 'updated', 'enabled', 'disabled', 'restored', 'deleted'] as const;
export type RuleChange = (typeof RULE_CHANGES)[number];

export interface RuleVersion {
  readonly ruleId: string;
  readonly version: number;
  readonly change: RuleChange;
  /** The version a restore copied. */
  readonly restoredFrom?: number;
  readonly definition: TRuleDefinition;
  readonly savedAt: string;
  /** Null for a rule saved before versions existed (its first version is written as found). */
  readonly savedBy: ActorRef | null;
}

export type RuleVersionDoc = RuleVersion & StoredDocument & { readonly pk: 'rules'; readonly docType: 'rule-version' };

export const versionDocId = (ruleId: string, version: number): string =>
  `${ruleId}.v${String(version).padStart(6, '0')}`;

/** The definition part of a stored rule (what a version keeps and a restore puts back). */
export function definitionOf(rule: Rule | TRuleDefinition): TRuleDefinition {
  return {
    name: rule.name,
    ...(rule.description !== undefined ? { description: rule.description } : {}),
    enabled: rule.enabled,
    stopProcessing: rule.stopProcessing,
    trigger: rule.trigger,
    ...(rule.conditions !== undefined ? { conditions: rule.conditions } : {}),
    actions: rule.actions,
  };
}

export function toVersionDoc(v: RuleVersion): RuleVersionDoc {
  return { ...v, id: versionDocId(v.ruleId, v.version), pk: 'rules', docType: 'rule-version' };
}

export function fromVersionDoc(doc: RuleVersionDoc): RuleVersion {
  const { id: _id, pk: _pk, docType: _docType, ...version } = doc;
  return version as RuleVersion;
}

/**
 * The versions a save writes: a rule stored before versions existed first gets version 1 as it
 * was found, so the edit that follows can be undone too.
 */
export function versionsForSave(
  before: Rule | null,
  after: Rule,
  change: RuleChange,
  savedBy: ActorRef | null,
  restoredFrom?: number,
): RuleVersion[] {
  const written: RuleVersion[] = [];
  if (before && before.version === undefined)
    written.push({
      ruleId: before.id,
      version: 1,
      change: 'created',
      definition: definitionOf(before),
      savedAt: before.updatedAt,
      savedBy: null,
    });
  written.push({
    ruleId: after.id,
    version: after.version as number,
    change,
    ...(restoredFrom !== undefined ? { restoredFrom } : {}),
    definition: definitionOf(after),
    savedAt: after.updatedAt,
    savedBy,
  });
  return written;
}

/** The version number the next save of `rule` takes. */
export const nextVersion = (rule: Rule | null): number => (rule ? (rule.version ?? 1) + 1 : 1);
