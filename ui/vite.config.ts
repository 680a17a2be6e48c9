// One multi-page build for every web app (`npm run build:ui`). Each app is an HTML entry under
// ui/; the HTTP gateway serves ui/dist/<app>/index.html for /<app>/* (lespass for
// /<collective-slug>/*, home for /). Assets use absolute paths (base '/') so a deep link such
// as /laboutik/sale/3 still finds /assets/*.js.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const uiDir = fileURLToPath(new URL('.', import.meta.url));
const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const appEntries = {
  home: entry('./index.html'),
  lespass: entry('./lespass/index.html'),
  admin: entry('./admin/index.html'),
  laboutik: entry('./laboutik/index.html'),
  display: entry('./display/index.html'),
  dashboard: entry('./dashboard/index.html'),
  door: entry('./door/index.html'),
} as const;

export default defineConfig({
  root: uiDir,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The apps share lit and the shared/ modules: one hashed chunk each, cached across apps.
    rollupOptions: { input: appEntries },
    reportCompressedSize: false,
  },
  server: {
    // `vite --config ui/vite.config.ts` for UI work: the API and Socket.IO live on the app node.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
