// A dashboard's kind comes from the path; any other word is a page that does not exist.
import { error } from '@sveltejs/kit';
import { isReportKind } from '../report-view';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
  if (!isReportKind(params.kind)) error(404, `There is no report "${params.kind}"`);
  return { kind: params.kind };
};
