import { describe, expect, it } from 'vitest';
import {
  type ClusterAssist,
  type ClusterIncident,
  DEFAULT_CLUSTERING,
  jaccard,
  suggestProblems,
  wordsOf,
} from './incident-clustering.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
let seq = 0;
const anIncident = (title: string, over: Partial<ClusterIncident> = {}): ClusterIncident => {
  seq++;
  return {
    id: `t_${seq}`,
    number: `INC-${seq}`,
    title,
    createdAt: daysAgo(1),
    ciIds: [],
    serviceIds: [],
    linkedToProblem: false,
    ...over,
  };
};
const onCi = (ciId: string, title: string, over: Partial<ClusterIncident> = {}) =>
  anIncident(title, { ciIds: [ciId], ...over });
const vpnTitles = ['VPN drops every afternoon', 'VPN connection drops again', 'The VPN drops during calls'];

describe('suggestProblems', () => {
  it('words: lower-cased, accents folded, stop words and short words dropped', () => {
    expect([...wordsOf('Der Drucker IST kaputt, the printer ÄRGER!')]).toEqual([
      'drucker',
      'kaputt',
      'printer',
      'arger',
    ]);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
  });

  it('suggests three similar incidents on the same CI within 7 days, oldest first, with the cluster shown', () => {
    const incidents = vpnTitles.map((t, i) => onCi('ci_vpn', t, { createdAt: daysAgo(3 - i) }));
    const [candidate, ...rest] = suggestProblems({ incidents, now: NOW });
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      group: 'ci:ci_vpn',
      reason: 'same_ci',
      ticketIds: incidents.map((i) => i.id),
      titles: vpnTitles,
      signature: ['drops', 'vpn'],
      firstAt: daysAgo(3),
      lastAt: daysAgo(1),
    });
  });

  it('does not suggest two, nor three spread beyond the window, nor ones already linked to a problem', () => {
    const two = vpnTitles.slice(0, 2).map((t) => onCi('ci_vpn', t));
    expect(suggestProblems({ incidents: two, now: NOW })).toEqual([]);
    const spread = vpnTitles.map((t, i) => onCi('ci_vpn', t, { createdAt: daysAgo(i * 4) }));
    expect(suggestProblems({ incidents: spread, now: NOW })).toEqual([]);
    const linked = vpnTitles.map((t, i) => onCi('ci_vpn', t, { linkedToProblem: i === 0 }));
    expect(suggestProblems({ incidents: linked, now: NOW })).toEqual([]);
  });

  it('takes the thresholds from the settings: 2 incidents in 14 days', () => {
    const spread = vpnTitles.slice(0, 2).map((t, i) => onCi('ci_vpn', t, { createdAt: daysAgo(i * 10) }));
    const settings = { ...DEFAULT_CLUSTERING, windowDays: 14, minIncidents: 2 };
    expect(suggestProblems({ incidents: spread, now: NOW }, settings)).toHaveLength(1);
  });

  it('suggests the same service when the incidents name different CIs of it', () => {
    const incidents = vpnTitles.map((t, i) => anIncident(t, { ciIds: [`ci_gw${i}`], serviceIds: ['svc_remote'] }));
    expect(suggestProblems({ incidents, now: NOW })).toMatchObject([
      { group: 'service:svc_remote', reason: 'same_service' },
    ]);
  });

  it('shows a cluster once when the same incidents stand under their CI and their service', () => {
    const incidents = vpnTitles.map((t) => anIncident(t, { ciIds: ['ci_vpn'], serviceIds: ['svc_remote'] }));
    expect(suggestProblems({ incidents, now: NOW })).toHaveLength(1);
  });

  it('keeps dissimilar incidents on one CI apart, and the similarity threshold decides', () => {
    const incidents = [
      ...vpnTitles.map((t) => onCi('ci_vpn', t)),
      onCi('ci_vpn', 'Password reset for Anna'),
      onCi('ci_vpn', 'New laptop for Ben'),
      onCi('ci_vpn', 'Printer toner empty'),
    ];
    expect(suggestProblems({ incidents, now: NOW }).map((c) => c.ticketIds.length)).toEqual([3]);
    const loose = { ...DEFAULT_CLUSTERING, minSimilarity: 0 };
    expect(suggestProblems({ incidents, now: NOW }, loose).map((c) => c.ticketIds.length)).toEqual([6]);
    const strict = { ...DEFAULT_CLUSTERING, minSimilarity: 0.9 };
    expect(suggestProblems({ incidents, now: NOW }, strict)).toEqual([]);
  });

  it('keeps a dismissed cluster dismissed as new similar incidents arrive, but not other clusters', () => {
    const incidents = vpnTitles.map((t) => onCi('ci_vpn', t));
    const [first] = suggestProblems({ incidents, now: NOW });
    const dismissed = [{ group: first?.group ?? '', signature: first?.signature ?? [] }];
    const more = [...incidents, onCi('ci_vpn', 'VPN drops for the whole team')];
    expect(suggestProblems({ incidents: more, dismissed, now: NOW })).toEqual([]);
    const printers = ['Printer jams on tray 2', 'Printer jams again', 'Printer tray jams'].map((t) =>
      onCi('ci_vpn', t),
    );
    expect(suggestProblems({ incidents: [...more, ...printers], dismissed, now: NOW })).toMatchObject([
      { signature: ['jams', 'printer', 'tray'] },
    ]);
    const elsewhere = vpnTitles.map((t) => onCi('ci_other', t));
    expect(suggestProblems({ incidents: elsewhere, dismissed, now: NOW })).toHaveLength(1);
  });

  it('suggests repeated assists to the same expert team on the same CI, one per ticket', () => {
    const incidents = ['Mail stuck', 'Outbox full', 'Cannot send'].map((t) => onCi('ci_exch', t));
    const assist = (ticket: ClusterIncident, teamId = 'team_mail'): ClusterAssist => ({
      id: `${ticket.id}.a1`,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      expertTeamId: teamId,
      ciIds: ['ci_exch'],
      createdAt: daysAgo(1),
      linkedToProblem: false,
    });
    const [a, b, c] = incidents as [ClusterIncident, ClusterIncident, ClusterIncident];
    expect(
      suggestProblems({ incidents, assists: [assist(a), { ...assist(a), id: 'again' }, assist(b)], now: NOW }),
    ).toEqual([]);
    expect(suggestProblems({ incidents, assists: [assist(a), assist(b), assist(c)], now: NOW })).toMatchObject([
      {
        group: 'assists:team_mail:ci_exch',
        reason: 'repeated_assists',
        titles: ['Mail stuck', 'Outbox full', 'Cannot send'],
      },
    ]);
    expect(suggestProblems({ incidents, assists: [assist(a), assist(b), assist(c, 'team_net')], now: NOW })).toEqual(
      [],
    );
  });
});
