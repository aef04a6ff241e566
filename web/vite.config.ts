/** Vite build of the agent web app; in dev the API is proxied to the local host on 7071. */
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    fs: { allow: ['..'] },
    proxy: { '/api': process.env.API_ORIGIN ?? 'http://127.0.0.1:7071' },
  },
  build: { reportCompressedSize: false },
});
