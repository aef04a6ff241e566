/**
 * Typed calls of the admin screens' routes (issues 18 and 19, ADR 0028): rules with their
 * versions and the editor's dry run. Types come from the shared schemas, never hand-copied.
 */
import type { TRule, TRulePreview, TRulePreviewRequest, TRuleVersion } from '$shared/api/rules.schemas';
import type { TRuleInput } from '$shared/rules/rule-schema';
import { request } from './client';
import type { Page } from './endpoints';
import type { Crud } from './sla-endpoints';

const enc = encodeURIComponent;

export type { TRule, TRulePreview, TRuleVersion };

const rules: Crud<TRule, TRuleInput & { id: string }> = {
  list: async () => (await request<Page<TRule>>('GET', 'rules')).data.items,
  get: (id) => request<TRule>('GET', `rules/${enc(id)}`),
  create: ({ id: _id, ...body }) => request<TRule>('POST', 'rules', { body }),
  replace: (id, { id: _id, ...body }, etag) => request<TRule>('PUT', `rules/${enc(id)}`, { body, ifMatch: etag }),
  remove: (id, etag) => request<void>('DELETE', `rules/${enc(id)}`, { ifMatch: etag }),
};

export const adminApi = {
  rules,
  setRuleEnabled: (id: string, enabled: boolean, etag: string | null) =>
    request<TRule>('POST', `rules/${enc(id)}/enable`, { body: { enabled }, ifMatch: etag }),
  ruleVersions: async (id: string) =>
    (await request<Page<TRuleVersion>>('GET', `rules/${enc(id)}/versions`)).data.items,
  restoreRuleVersion: (id: string, version: number, etag: string | null) =>
    request<TRule>('POST', `rules/${enc(id)}/versions/${version}/restore`, { ifMatch: etag }),
  previewRule: async (body: TRulePreviewRequest) =>
    (await request<TRulePreview>('POST', 'rules/preview', { body })).data,
};
