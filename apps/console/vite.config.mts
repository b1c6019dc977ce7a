import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is static files the dashboard serves at `/`; in development the Vite server proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../../dist/apps/console',
    emptyOutDir: true,
    target: 'es2022',
    // Read by the bundle budget spec: first load is the entry and what it imports statically.
    manifest: true,
  },
  server: { host: '127.0.0.1', port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
