// Creates or drops a PostgreSQL database for CI: node scripts/pg-db.mjs create|drop NAME
import pg from 'pg';

const [command, name] = process.argv.slice(2);
if (!/^[a-z0-9_]+$/.test(name ?? '') || !['create', 'drop'].includes(command)) {
  console.error('usage: node scripts/pg-db.mjs create|drop NAME');
  process.exit(64);
}
const client = new pg.Client({ connectionString: process.env.PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres' });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
if (command === 'create') await client.query(`CREATE DATABASE ${name}`);
await client.end();
