import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { build, defineConfig, type Plugin } from 'vite';
import { type DictionaryPart, dictionaryPart } from './src/web/i18n/areas.ts';

/**
 * Writes a gzip (.gz) and a Brotli (.br) copy beside every text asset of the build, once, at
 * the highest levels; the server sends them to browsers that accept them (@fastify/static
 * `preCompressed`) instead of compressing on every request. A phone on a slow network then
 * downloads a third of the bytes.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'motcua-precompress',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f))) {
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/**
 * Preloads the JavaScript of the page the browser opens, in parallel with the entry, instead of
 * after the entry has run and React has asked for the lazy page (one round trip less before the
 * page paints). Routes and their lazy pages are read from src/web/app/app.tsx; a route this
 * misses only loses the head start.
 */
function preloadRoutePage(): Plugin {
  return {
    name: 'motcua-preload-route-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const appSource = fs.readFileSync(path.resolve(import.meta.dirname, 'src/web/app/app.tsx'), 'utf8');
        const pages = new Map([...appSource.matchAll(/const (\w+) = lazy\(\(\) => import\('\.\.\/pages\/([\w-]+\.tsx)'\)(?:, '\w+')?\)/g)].map((m) => [m[1], m[2]]));
        const chunks = Object.values(ctx.bundle).filter((c) => c.type === 'chunk');
        const entry = chunks.find((c) => c.isEntry);
        // The entry and every chunk it imports, however deep (index.html preloads them already).
        const upFront = new Set<string | undefined>();
        const addUpFront = (file: string | undefined) => {
          if (upFront.has(file)) return;
          upFront.add(file);
          for (const i of chunks.find((c) => c.fileName === file)?.imports ?? []) addUpFront(i);
        };
        addUpFront(entry?.fileName);
        const filesOf = (file: string, seen = new Set<string>()): string[] => {
          const chunk = chunks.find((c) => c.fileName === file);
          if (!chunk || seen.has(file)) return [];
          seen.add(file);
          return [file, ...chunk.imports.filter((i) => !upFront.has(i)).flatMap((i) => filesOf(i, seen))];
        };
        const routes: [string, string[]][] = [];
        for (const m of appSource.matchAll(/<Route (index|path="([^"]+)") element={<(\w+) \/>} \/>/g)) {
          const page = pages.get(m[3]);
          const chunk = page && chunks.find((c) => c.facadeModuleId?.endsWith(`/pages/${page}`));
          if (!chunk || m[2] === '*') continue;
          const pattern = m[1] === 'index' ? '^/$' : `^/${m[2].replace(/:[\w]+/g, '[^/]+')}/?$`;
          routes.push([pattern, filesOf(chunk.fileName).map((f) => `/${f}`)]);
        }
        const script = `(function(){var r=${JSON.stringify(routes)};for(var i=0;i<r.length;i++){if(new RegExp(r[i][0]).test(location.pathname)){r[i][1].forEach(function(f){var l=document.createElement('link');l.rel='modulepreload';l.fetchPriority='low';l.crossOrigin='';l.href=f;document.head.appendChild(l)});return}}})();`;
        return html.replace('</title>', `</title>\n    <script>${script}</script>`);
      },
    },
  };
}

/**
 * Paints the page's shell (header, static in index.html) before the app starts: the scripts are
 * preloaded at low priority, so the stylesheet is fetched first, and the entry runs in the frame
 * after the first paint. On a fast connection the scripts would otherwise arrive and run before
 * the stylesheet is applied, keeping the first paint waiting for them; on a slow phone this costs
 * one frame. A hidden tab (no frames) starts after 300 ms.
 */
function startAfterFirstPaint(): Plugin {
  return {
    name: 'motcua-start-after-first-paint',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tag = /<script type="module" crossorigin src="([^"]+)"><\/script>/;
        const entry = html.match(tag)?.[1];
        if (!entry) throw new Error('startAfterFirstPaint: the entry script tag was not found in index.html');
        const start = `var s=0,go=function(){if(!s){s=1;import(${JSON.stringify(entry)})}};requestAnimationFrame(function(){setTimeout(go,0)});setTimeout(go,300);`;
        return html
          .replace(tag, `<link rel="modulepreload" crossorigin href="${entry}">\n    <script type="module">${start}</script>`)
          .replaceAll('<link rel="modulepreload" crossorigin', '<link rel="modulepreload" fetchpriority="low" crossorigin');
      },
    },
  };
}

/**
 * The first screen of the citizen pages that need no data of the request (src/web/app/prerender.tsx,
 * PRERENDERED_PAGES) rendered into the built index.html, one file per page in dist/web/prerendered/,
 * listed in prerendered/pages.json; the server sends that file for that address (src/http/app.ts)
 * and main.tsx hydrates it. The largest text of the page is then in the HTML and paints with it
 * instead of after the scripts have run (Lighthouse: LCP "render delay"). The app is built a second
 * time for Node (Vite SSR build, to dist/web-prerender) to render it.
 */
function prerenderCitizenPages(): Plugin {
  let outDir = '';
  return {
    name: 'motcua-prerender-citizen-pages',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      // before precompress (below), which then compresses these pages too
      sequential: true,
      async handler() {
        const ssrOut = path.resolve(import.meta.dirname, 'dist/web-prerender');
        await build({
          configFile: path.resolve(import.meta.dirname, 'vite.config.ts'),
          logLevel: 'warn',
          build: {
            ssr: path.resolve(import.meta.dirname, 'src/web/app/prerender.tsx'),
            outDir: ssrOut,
            emptyOutDir: true,
            rollupOptions: { output: { entryFileNames: 'prerender.mjs' } },
          },
        });
        const entry = pathToFileURL(path.join(ssrOut, 'prerender.mjs')).href;
        const { prerenderPage, PRERENDERED_PAGES } = (await import(`${entry}?t=${Date.now()}`)) as typeof import('./src/web/app/prerender.tsx');
        const shell = scriptsAfterFirstPaint(fs.readFileSync(path.join(outDir, 'index.html'), 'utf8'));
        const root = /<div id="root">.*<\/div>(?=\s*<noscript>)/;
        if (!root.test(shell)) throw new Error('prerenderCitizenPages: <div id="root"> was not found in index.html');
        fs.mkdirSync(path.join(outDir, 'prerendered'), { recursive: true });
        const pages: Record<string, string> = {};
        // The English copies (for a visitor who chose English: the `motcua_lang` cookie) under
        // prerendered/en/, same names, `<html lang="en">`; the server picks them (src/http/app.ts).
        fs.mkdirSync(path.join(outDir, 'prerendered/en'), { recursive: true });
        // <html lang>, the site's name in the title and its description (app.title and app.description of
        // the dictionaries: usePageTitle writes "<page> | <site>" and the description only once the app
        // runs; until then, or without it, both were Vietnamese — what a search engine or a shared link shows)
        const site = (language: 'vi' | 'en') =>
          (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `src/web/i18n/${language}.json`), 'utf8')) as { app: { title: string; description: string } }).app;
        const attribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
        const viTitle = `<title>${site('vi').title}</title>`;
        const viDescription = `<meta name="description" content="${attribute(site('vi').description)}" />`;
        if (!shell.includes(viTitle)) throw new Error(`prerenderCitizenPages: ${viTitle} (vi.json app.title) was not found in index.html`);
        if (!shell.includes(viDescription)) throw new Error(`prerenderCitizenPages: ${viDescription} (vi.json app.description) was not found in index.html`);
        const english = (html: string) =>
          html
            .replace('<html lang="vi"', '<html lang="en"')
            .replace(viTitle, () => `<title>${site('en').title}</title>`)
            .replace(viDescription, () => `<meta name="description" content="${attribute(site('en').description)}" />`);
        for (const location of PRERENDERED_PAGES) {
          const name = `${location === '/' ? 'home' : location.slice(1)}.html`;
          const file = `prerendered/${name}`;
          // data-prerendered: the address this markup is for; main.tsx hydrates only there.
          const page = (html: string) => shell.replace(root, () => `<div id="root" data-prerendered="${location}">${html}</div>`);
          fs.writeFileSync(path.join(outDir, file), page(await prerenderPage(location)));
          fs.writeFileSync(path.join(outDir, 'prerendered/en', name), english(page(await prerenderPage(location, [], 'en'))));
          pages[location] = file;
        }
        fs.writeFileSync(path.join(outDir, 'prerendered/pages.json'), JSON.stringify(pages, null, 2));
        // The same shell, empty, for the pages the server renders per request (src/http/rendered-pages.ts).
        fs.writeFileSync(path.join(outDir, 'prerendered/shell.html'), shell.replace(root, () => '<div id="root"></div>'));
        fs.writeFileSync(path.join(outDir, 'prerendered/en/shell.html'), english(shell.replace(root, () => '<div id="root"></div>')));
        // index.html for the other pages, in English (its scripts unchanged: the CSP's hashes hold).
        const index = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
        if (!index.includes('<html lang="vi"')) throw new Error('prerenderCitizenPages: <html lang="vi"> was not found in index.html');
        fs.writeFileSync(path.join(outDir, 'prerendered/en/index.html'), english(index));
      },
    },
  };
}

/**
 * For a prerendered page (above), whose text is in the HTML: nothing but the HTML and the
 * stylesheet is fetched before the first contentful paint. The module preloads, the route's preloads and
 * the early API requests of index.html (its inline scripts) start after the first paint, with
 * the entry (startAfterFirstPaint), so that on a slow phone the scripts do not share the
 * bandwidth with the stylesheet the text waits for. A hidden tab (no frames) starts after 3 s.
 */
function scriptsAfterFirstPaint(html: string): string {
  const preload = /\s*<link rel="modulepreload"[^>]* href="([^"]+)">/g;
  const files = [...html.matchAll(preload)].map((m) => m[1]);
  const start = /var s=0,go=function\(\)\{if\(!s\)\{s=1;(import\([^)]+\))\}\};requestAnimationFrame\(function\(\)\{setTimeout\(go,0\)\}\);setTimeout\(go,300\);/;
  if (!files.length || !start.test(html)) throw new Error('scriptsAfterFirstPaint: the module preloads or the start script of index.html were not found');
  // After the first contentful paint as the browser reports it (a frame may run before the body
  // is parsed, and the paint reaches the screen after its frame); where paint entries are not
  // reported, the frame after the document is parsed.
  const later = (body: string) =>
    `(function(f){var d=0,g=function(){if(!d){d=1;f()}};setTimeout(g,3000);try{if(PerformanceObserver.supportedEntryTypes.indexOf('paint')>=0){new PerformanceObserver(function(l,o){if(l.getEntriesByName('first-contentful-paint').length){o.disconnect();setTimeout(g,0)}}).observe({type:'paint',buffered:true});return}}catch(e){}document.addEventListener('DOMContentLoaded',function(){requestAnimationFrame(function(){setTimeout(g,0)})})})(function(){${body}});`;
  const preloads = `${JSON.stringify(files)}.forEach(function(f){var l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href=f;document.head.appendChild(l)});`;
  // Until the app runs, a button does nothing: its clicks are kept and main.tsx clicks it again
  // once React runs the page. Links and forms with an action work without the app.
  const keepClicks = `(function(){var q=window.__motcuaClicks=[];document.addEventListener('click',function(e){if(window.__motcuaClicks!==q)return;var b=e.target instanceof Element&&e.target.closest('button');if(!b||(b.type==='submit'&&b.form&&b.form.hasAttribute('action')))return;e.preventDefault();e.stopPropagation();if(q.indexOf(b)<0)q.push(b)},true)})();`;
  return html
    .replace(preload, '')
    .replace(/<script>([\s\S]*?)<\/script>/g, (_all, body: string) => `<script>${later(body)}</script>`)
    .replace(start, (_all, load: string) => later(`${preloads}${load}`))
    .replace('</title>', () => `</title>\n    <script>${keepClicks}</script>`);
}

/**
 * `import texts from './vi.json?core'` (or `?office`): one part of a dictionary (src/web/i18n/areas.ts),
 * so the citizen's first bundle carries no staff texts. Emitted as `JSON.parse('…')`, which a
 * browser reads faster than the same object as JavaScript.
 */
function dictionaryParts(): Plugin {
  const PREFIX = '\0motcua-dictionary:';
  return {
    name: 'motcua-dictionary-parts',
    enforce: 'pre',
    resolveId(source, importer) {
      const m = /^(.+\.json)\?(core|office)$/.exec(source);
      if (!m || !importer) return null;
      return `${PREFIX}${path.resolve(path.dirname(importer), m[1])}?${m[2]}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const [file, part] = id.slice(PREFIX.length).split('?');
      this.addWatchFile(file);
      const texts = dictionaryPart(JSON.parse(fs.readFileSync(file, 'utf8')), part as DictionaryPart);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(texts))});`;
    },
  };
}

/** The web app (src/web) is built to dist/web and served by the Fastify server. */
export default defineConfig(({ isSsrBuild }) => ({
  root: 'src/web',
  base: '/',
  plugins: [react(), dictionaryParts(), preloadRoutePage(), startAfterFirstPaint(), prerenderCitizenPages(), precompress()],
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    target: 'es2022',
    // One stylesheet (18 kB gzipped) fetched with the page, not one more round trip for each
    // page's own styles after its code has arrived (Lighthouse: −0.1 s LCP on the submission page).
    cssCodeSplit: false,
    // Fewer, larger chunks for the browser (not for the prerender build, whose exports are read):
    // the code two or more pages share (a Mantine input, an API module) is copied into each page's
    // chunk when it is smaller than 30 kB before minification (about 8 kB gzipped), instead of
    // being a chunk of its own. A page then loads its own chunk and a few large shared ones, not
    // forty small files: over HTTP/1.1's six connections those took about seven round trips before
    // the submission page could paint (Lighthouse: LCP 3.3 s, bench/RESULTS.md). Larger shared
    // code (React, Mantine's core, the API client, ScrollArea) stays shared. The copies need
    // modules to run in source order (Rolldown's strictExecutionOrder, turned on by this) and
    // entries without fixed exports. Costs: the same small module is downloaded again on the next
    // page (the whole build grows from 2.4 to 3.5 MB; a page's own download does not), and a
    // module copied into two chunks has its own state in each (src/web keeps shared state in the
    // shell: i18n, the query client, http.ts).
    rolldownOptions: isSsrBuild
      ? undefined
      : { preserveEntrySignatures: false, output: { codeSplitting: { experimentalInlineCommonChunks: { maxSize: 30_000 } } } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
}));
