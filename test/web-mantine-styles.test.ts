import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The web app imports Mantine's styles component by component (no 150 kB `styles.css`), into one
 * stylesheet (vite.config.ts, `cssCodeSplit: false`). A component used with its stylesheet imported
 * nowhere renders unstyled: the post-inspection figures and the home page's links stacked in one
 * column for want of SimpleGrid.css, the payment QR code lost its Image.css.
 */
describe('Mantine component styles', () => {
  it('imports the stylesheet of every Mantine component the web app uses', () => {
    const styles = new Set(
      fs
        .readdirSync('node_modules/@mantine/core/styles')
        .filter((f) => f.endsWith('.css') && !f.includes('.layer.'))
        .map((f) => f.replace(/\.css$/, '')),
    );
    const sources = fs
      .readdirSync('src/web', { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => ({ file: f, text: fs.readFileSync(path.join('src/web', f), 'utf8') }));
    const imported = new Set(sources.flatMap((s) => [...s.text.matchAll(/@mantine\/core\/styles\/(\w+)\.css/g)].map((m) => m[1])));
    const unstyled = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@mantine\/core'/g)]
        .flatMap((m) => m[1].split(',').map((n) => n.trim()))
        .filter((n) => styles.has(n) && !imported.has(n))
        .map((n) => `${n} (${file})`),
    );
    expect(imported.size).toBeGreaterThan(30);
    expect(unstyled).toEqual([]);
  });
});
