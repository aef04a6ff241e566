// SvelteKit configuration: a static SPA (adapter-static with an index.html fallback) that the
// local host and Azure Static Web Apps serve; `$shared` reaches the API's schemas and types.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: false }),
    alias: { $shared: '../shared' },
    serviceWorker: { register: true },
  },
};

export default config;
