/**
 * Message templates of notify and auto-acknowledge actions: `{{ticket.number}}`, `{{ticket.title}}`,
 * `{{event.type}}`, `{{assist.dueAt}}`, `{{rule.name}}`... Unknown placeholders render empty, and
 * values are inserted as plain text (the mail and in-app layers escape for their medium).
 */
import { fieldValue, type RuleFacts } from './conditions.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.]{0,80})\s*\}\}/g;

export function renderTemplate(template: string, facts: RuleFacts, rule?: { name: string }): string {
  return template.replace(PLACEHOLDER, (_all, path: string) => {
    if (path === 'rule.name') return rule?.name ?? '';
    const value = fieldValue(facts, path);
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.join(', ');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
