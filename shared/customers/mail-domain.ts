/**
 * Mail addresses and domains: normalisation and the domain candidates a sender is matched on
 * (`a@eu.mail.acme.example` tries `eu.mail.acme.example`, `mail.acme.example`, `acme.example`).
 */

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const normalizeDomain = (domain: string): string =>
  domain.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');

/** A plausible mail domain: labels of letters, digits and hyphens, at least one dot. */
export const isMailDomain = (domain: string): boolean =>
  /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(domain);

export const domainOf = (email: string): string | null => {
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  const domain = normalizeDomain(email.slice(at + 1));
  return isMailDomain(domain) ? domain : null;
};

/** The domain and its parents down to two labels, most specific first. */
export const domainCandidates = (email: string): string[] => {
  const domain = domainOf(email);
  if (!domain) return [];
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
};
