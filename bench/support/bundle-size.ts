import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type PageBundle = {
  /** The assets the page loads before it can render (scripts, module preloads, stylesheets). */
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  bytes: number;
  gzipBytes: number;
};

/** What `page` (an HTML file of a Vite build in `dir`) loads up front, raw and gzipped (zlib's default level 6). */
export async function measurePageBundle(dir: string, page: string): Promise<PageBundle> {
  const html = await readFile(path.join(dir, page), 'utf8');
  const references = [
    ...html.matchAll(/<script[^>]+src="(\/[^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="(?:modulepreload|stylesheet)"[^>]+href="(\/[^"]+)"/g),
    ...html.matchAll(/<link[^>]+href="(\/[^"]+)"[^>]+rel="(?:modulepreload|stylesheet)"/g),
  ].map((match) => match[1]!);
  const files = await Promise.all(
    [...new Set(references)]
      .filter((reference) => /\.(m?js|css)$/.test(reference))
      .map(async (reference) => {
        const content = await readFile(path.join(dir, reference));
        return { file: reference, bytes: content.length, gzipBytes: gzipSync(content).length };
      }),
  );
  const htmlGzip = gzipSync(Buffer.from(html)).length;
  return {
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, html.length),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, htmlGzip),
  };
}

/**
 * The baseline for the task pane's bundle and first render: an empty React 19 page (one heading, the
 * same React and Vite plugin as the add-in) built for production into `dir`.
 */
export async function buildBareReactPage(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Bare React</title></head>' +
      '<body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>\n',
  );
  await writeFile(
    path.join(dir, 'main.jsx'),
    "import { createRoot } from 'react-dom/client';\n" +
      "createRoot(document.getElementById('root')).render(<h1>Workplace rooms</h1>);\n",
  );
  const outDir = path.join(dir, 'dist');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: dir,
      configFile: false,
      mode: 'production',
      logLevel: 'error',
      plugins: [react()],
      // The page lives outside the repository: resolve React from its node_modules.
      resolve: {
        alias: [{ find: /^(react|react-dom)(\/.*)?$/, replacement: path.join(repositoryRoot, 'node_modules/$1$2') }],
      },
      build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
