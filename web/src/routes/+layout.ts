// A static single-page app: every page renders in the browser from the index.html fallback.
export const ssr = false;
export const prerender = false;
