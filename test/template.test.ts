import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openDb } from '#platform/db.ts';
import { copyTemplate, templateKey, withoutWalAfter } from './template.ts';

/** A tar entry (ustar header and its data padded to 512-byte blocks). */
function entry(name: string, data = Buffer.alloc(0), type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'latin1');
  header.write('0000600\0', 100, 'latin1');
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write(type, 156, 'latin1');
  header.write('ustar\0' + '00', 257, 'latin1');
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}
const names = (tar: Buffer) => {
  const out: string[] = [];
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0; ) {
    out.push(tar.toString('latin1', at, at + 100).replace(/\0.*$/s, ''));
    at += 512 + Math.ceil(Number.parseInt(tar.toString('latin1', at + 124, at + 135), 8) / 512) * 512;
  }
  return out;
};

describe('the PGlite test template', () => {
  it('is built again when a migration, a seed or the server’s code changes, not for the web app or a test', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-template-key-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
      fs.writeFileSync(path.join(base, file), text);
    };
    write('migrations/0001_a.sql', 'CREATE TABLE a ();');
    write('seed/places.json', '[]');
    write('src/modules/a/seed-a.ts', 'export {}');
    write('src/web/app.tsx', 'export {}');
    write('src/modules/a/a.test.ts', 'export {}');
    const inputs = ['migrations', 'seed', 'src'];
    const first = templateKey(base, inputs);
    expect(templateKey(base, inputs)).toBe(first);
    write('src/web/app.tsx', 'export const changed = 1;');
    write('src/modules/a/a.test.ts', 'export const changed = 1;');
    expect(templateKey(base, inputs)).toBe(first);
    const keys = new Set([first]);
    for (const [file, text] of [
      ['migrations/0001_a.sql', 'CREATE TABLE a (id int);'],
      ['migrations/0002_b.sql', 'CREATE TABLE b ();'],
      ['seed/places.json', '[1]'],
      ['src/modules/a/seed-a.ts', 'export const changed = 1;'],
    ]) {
      write(file, text);
      keys.add(templateKey(base, inputs));
    }
    expect(keys.size).toBe(5);
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('drops only the WAL segments after the current one from a dump', () => {
    const tar = Buffer.concat([
      entry('/pg_wal', undefined, '5'),
      entry('/pg_wal/000000010000000000000002', Buffer.from('old')),
      entry('/pg_wal/000000010000000000000003', Buffer.alloc(700, 1)),
      entry('/pg_wal/000000010000000000000004', Buffer.from('ahead')),
      entry('/base/5/16675', Buffer.alloc(1025, 2)),
      entry('/pg_wal/000000010000000000000005', Buffer.from('ahead')),
      Buffer.alloc(1024),
    ]);
    const kept = withoutWalAfter(tar, '000000010000000000000003');
    expect(names(kept)).toEqual(['/pg_wal', '/pg_wal/000000010000000000000002', '/pg_wal/000000010000000000000003', '/base/5/16675']);
    expect(kept.subarray(kept.length - 1024).every((b) => b === 0)).toBe(true);
    // a tar with an extended header is not touched
    const pax = Buffer.concat([entry('PaxHeader', Buffer.from('17 path=x\n'), 'x'), tar]);
    expect(withoutWalAfter(pax, '000000010000000000000003')).toBe(pax);
  });

  it('gives copies that hold no segment ahead and still write past their segment', async () => {
    // the template itself on PGlite (the seed wrote ~50 MB of WAL); on PostgreSQL, a PGlite dumped here
    const template = inject('dbTemplate');
    let file = template.kind === 'pglite' ? template.file : '';
    if (template.kind === 'pglite') expect(fs.statSync(file).size).toBeLessThan(80 * 1024 * 1024);
    else {
      const db = await openDb({});
      await db.query('CHECKPOINT');
      const [{ wal }] = await db.query<{ wal: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS wal');
      const dump = Buffer.from(await (await db.pglite!.dumpDataDir('none')).arrayBuffer());
      await db.close();
      file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-wal-')), 'dump.tar');
      fs.writeFileSync(file, withoutWalAfter(dump, wal));
    }
    const copy = await copyTemplate({ kind: 'pglite', file });
    try {
      const db = copy.db;
      const [{ current }] = await db.query<{ current: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS current');
      const files = (await db.query<{ name: string }>("SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'")).map((r) => r.name);
      expect(files.filter((f) => f > current)).toEqual([]);
      // the next segment is made when needed
      await db.query('CREATE TABLE wal_probe (n int)');
      await db.query('INSERT INTO wal_probe VALUES (1)');
      await db.query('SELECT pg_switch_wal()');
      await db.query('INSERT INTO wal_probe VALUES (2)');
      await db.query('CHECKPOINT');
      const [{ after }] = await db.query<{ after: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS after');
      expect(after > current).toBe(true);
      expect(await db.query('SELECT n FROM wal_probe ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await copy.db.close();
      await copy.drop();
      if (template.kind !== 'pglite') fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
