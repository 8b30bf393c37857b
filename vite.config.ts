import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

/** The web app (src/web) is built to dist/web and served by the Fastify server. */
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
