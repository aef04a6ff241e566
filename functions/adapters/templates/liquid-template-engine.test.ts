import { describe, expect, it } from 'vitest';
import { textToHtml } from '../../../shared/macros/template-engine.js';
import { LiquidTemplateEngine } from './liquid-template-engine.js';

const engine = new LiquidTemplateEngine();
const context = {
  ticket: { number: 'INC-1042', title: 'VPN <down> & "slow"' },
  requester: { firstName: 'Pat', name: 'Pat Smith' },
  agent: { name: 'Alice Agent' },
  company: { name: 'Acme' },
};
const codeOf = (source: string) => {
  const result = engine.render(source, context);
  return result.ok ? 'ok' : result.error.code;
};

describe('LiquidTemplateEngine', () => {
  it('fills the placeholders with the values as given (text: no escaping)', () => {
    const out = engine.render(
      'Hello {{ requester.firstName }}, about {{ticket.number}} ({{ ticket.title }}): {{ agent.name }}, {{ company.name }}',
      context,
    );
    expect(out).toEqual({ ok: true, value: 'Hello Pat, about INC-1042 (VPN <down> & "slow"): Alice Agent, Acme' });
  });

  it('renders unknown placeholders empty and keeps filters and conditions working', () => {
    expect(
      engine.render('[{{ nothing.here }}]{% if company.name %} at {{ company.name | upcase }}{% endif %}', context),
    ).toEqual({
      ok: true,
      value: '[] at ACME',
    });
  });

  it('reaches only own properties of plain data (no constructor, no prototype)', () => {
    expect(
      engine.render('{{ ticket.constructor }}|{{ ticket.__proto__ }}|{{ ticket.hasOwnProperty }}', context),
    ).toEqual({
      ok: true,
      value: '||',
    });
  });

  it('escapes every HTML character once where the text goes to HTML', () => {
    const out = engine.render('{{ ticket.title }}\nline two', context);
    expect(out.ok && textToHtml(out.value)).toBe('VPN &lt;down&gt; &amp; &quot;slow&quot;<br>\nline two');
  });

  it('refuses file includes, render and layout when parsing', () => {
    expect(codeOf("{% include 'secrets' %}")).toBe('MACRO.TEMPLATE_FORBIDDEN');
    expect(codeOf("{% render '/etc/passwd' %}")).toBe('MACRO.TEMPLATE_FORBIDDEN');
    expect(codeOf("{% layout 'base' %}x")).toBe('MACRO.TEMPLATE_FORBIDDEN');
    expect(codeOf("{% liquid\n  include 'secrets' %}")).toBe('MACRO.TEMPLATE_FORBIDDEN');
  });

  it('stops endless and huge loops and exponential growth within the limits', () => {
    const started = Date.now();
    expect(codeOf('{% for i in (1..100000000) %}x{% endfor %}')).toBe('MACRO.TEMPLATE_LIMIT');
    expect(
      codeOf(
        '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}',
      ),
    ).toBe('MACRO.TEMPLATE_LIMIT');
    expect(
      codeOf('{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}'),
    ).toBe('MACRO.TEMPLATE_LIMIT');
    expect(codeOf(`${'{{ ticket.number }}'.repeat(2_000)}`)).toBe('MACRO.TEMPLATE_LIMIT');
    // Each refusal comes within the render limit (50 ms), not after the loop ran its course.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says why a broken template cannot render', () => {
    expect(codeOf('{% if %}')).toBe('MACRO.TEMPLATE_INVALID');
    expect(codeOf('{{ ticket.number | no_such_filter }}')).toBe('MACRO.TEMPLATE_INVALID');
    expect(codeOf('{% for x in list %}')).toBe('MACRO.TEMPLATE_INVALID');
  });
});
