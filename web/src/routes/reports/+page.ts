// /reports opens the overview, keeping any filters in the URL.
import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ url }) => {
  redirect(307, `/reports/overview${url.search}`);
};
