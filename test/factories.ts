import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { localDate, localInstant } from '#platform/clock.ts';
import { createTestSystem, type TestSystem } from '#test/system.ts';

/** Factories for dossier tests: everything goes through the public API (api.md §5). */

export const PASSWORD = 'MotCua@2026';
const USERS = [
  'congdan',
  'motcua.hoankiem',
  'chuyenvien.hoankiem',
  'lanhdao.hoankiem',
  'vanthu.hoankiem',
  'motcua.badinh',
  'lanhdao.hanoi',
  'admin',
] as const;
export type Username = (typeof USERS)[number];

export interface World {
  sys: TestSystem;
  token: Record<Username, string>;
  agency: { hoankiem: string; badinh: string };
}

/**
 * One test system with the demo world for a whole test file: started before the file's tests,
 * handed to `ready` (which keeps them and does the file's own setup), closed after the tests.
 */
export function worldPerFile(
  ready: (sys: TestSystem, w: World) => void | Promise<void>,
  options: Parameters<typeof createTestSystem>[0] = {},
  timeout?: number,
) {
  let sys: TestSystem | undefined;
  beforeAll(async () => {
    sys = await createTestSystem(options);
    await ready(sys, await buildWorld(sys));
  }, timeout);
  afterAll(async () => {
    await sys?.close();
  });
}

/**
 * The demo world of a whole test file as one object, filled before the file's tests (its system
 * is `w.sys`) and closed after them: `const w = fileWorld();` at the top of the file.
 */
export function fileWorld(options: Parameters<typeof createTestSystem>[0] = {}, timeout?: number): World {
  const w = {} as World;
  worldPerFile((_sys, world) => void Object.assign(w, world), options, timeout);
  return w;
}

/** A procedure sheet read for a whole test file once its world is up (`fileWorld`, declared before). */
export function fileProcedure(w: World, code: string): ProcedureInfo {
  const sheet = {} as ProcedureInfo;
  beforeAll(async () => void Object.assign(sheet, await procedure(w, code)));
  return sheet;
}

export async function buildWorld(sys: TestSystem): Promise<World> {
  const token = {} as Record<Username, string>;
  const agencies: Record<string, string> = {};
  for (const username of USERS) {
    const res = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    expect(res.statusCode, `login ${username}`).toBe(200);
    token[username] = res.json().token;
    const first = res.json().user.agencies?.[0]?.code;
    if (first) agencies[username] = first;
  }
  return { sys, token, agency: { hoankiem: agencies['motcua.hoankiem'], badinh: agencies['motcua.badinh'] } };
}

export const auth = (w: World, user: Username | null) => (user ? { authorization: `Bearer ${w.token[user]}` } : {});

const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

let uploads = 0;
export async function uploadPdf(w: World, user: Username): Promise<string> {
  const boundary = `----motcua${Date.now()}${uploads++}`;
  // distinct content per upload: files are stored by SHA-256
  const content = Buffer.concat([TINY_PDF, Buffer.from(`%${uploads}-${Math.random()}\n`)]);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="giay-to.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await w.sys.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...auth(w, user), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().fileId;
}

export const APPLICANT = {
  fullName: 'Nguyễn Thị Ánh Tuyết',
  idNumber: '001190012345',
  phone: '0912345678',
  email: 'tuyet@example.vn',
  address: { communeCode: '00070', detail: 'Số 1 phố Tràng Tiền' },
};

export interface ProcedureInfo {
  code: string;
  name: string;
  components: { code: string; name: string; required: boolean }[];
}

export async function procedure(w: World, code: string): Promise<ProcedureInfo> {
  const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/procedures/${code}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A dossier submitted with every required component (or only those listed). */
export async function submit(
  w: World,
  opts: { user?: Username; procedure: ProcedureInfo; components?: string[]; channel?: string; body?: Record<string, unknown> },
) {
  const user = opts.user ?? 'congdan';
  const codes = opts.components ?? opts.procedure.components.filter((c) => c.required).map((c) => c.code);
  const documents = [];
  for (const componentCode of codes) documents.push({ componentCode, fileId: await uploadPdf(w, user) });
  const res = await w.sys.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: auth(w, user),
    payload: {
      procedureCode: opts.procedure.code,
      receivingAgency: w.agency.hoankiem,
      channel: opts.channel ?? (user === 'congdan' ? 'online' : 'direct'),
      applicant: APPLICANT,
      fields: {},
      documents,
      ...opts.body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as DossierView;
}

export interface DossierView {
  id: string;
  code: string | null;
  reference: string | null;
  status: string;
  statusCode: number;
  phase: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  dueDate: string | null;
  timeliness: string | null;
  allowedActions: string[];
  history: { action: string; at: string; by: string; late?: boolean }[];
  steps: { timeliness: string | null }[];
  receivingAgency: { code: string; name: string };
  competentAgency: { code: string; name: string };
  currentAgency: { code: string; name: string };
}

/** A dossier in processing at Hoàn Kiếm: submitted, received at the desk, assigned by the leader to chuyenvien.hoankiem. */
export async function inProcessing(w: World, opts: Parameters<typeof submit>[1]): Promise<DossierView> {
  const d = await submit(w, opts);
  await actOk(w, 'motcua.hoankiem', d.id, { action: 'receive' });
  return actOk(w, 'lanhdao.hoankiem', d.id, { action: 'assign', assignee: 'chuyenvien.hoankiem' });
}

/** A dossier in processing (`inProcessing`) that the leader then approved (with `approval`, e.g. a note): its result is ready. */
export async function approved(w: World, opts: Parameters<typeof submit>[1], approval: Record<string, unknown> = {}): Promise<DossierView> {
  return actOk(w, 'lanhdao.hoankiem', (await inProcessing(w, opts)).id, { action: 'approve', ...approval });
}

export async function act(w: World, user: Username | null, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return w.sys.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions`, headers: { ...auth(w, user), ...headers }, payload: body });
}

export async function actOk(w: World, user: Username, id: string, body: Record<string, unknown>): Promise<DossierView> {
  const res = await act(w, user, id, body);
  expect(res.statusCode, `${user} ${JSON.stringify(body)}: ${res.body}`).toBe(200);
  return res.json();
}

export async function read(w: World, user: Username | null, id: string) {
  return w.sys.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: auth(w, user) });
}

/** The appointment the catalogue announces for a reception at `receivedAt` (api.md §4). */
export async function announcedDue(w: World, code: string, receivedAt: string): Promise<{ dueAt: string; dueDate: string }> {
  const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/procedures/${code}/deadline?receivedAt=${encodeURIComponent(receivedAt)}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export const setNow = (w: World, iso: string) => w.sys.clock.set(new Date(iso));

/**
 * An appointment the office keeps (an extension's `newDueAt`): `days` working days after the
 * local date of `after` (Asia/Ho_Chi_Minh), at `time` local, within office hours (17:00: the close).
 */
export async function workingDayAt(w: World, after: string | Date, days: number, time = '17:00'): Promise<string> {
  const from = localDate(new Date(after));
  const res = await w.sys.app.inject({ method: 'GET', url: `/api/v1/calendar/add-working-days?from=${from}&days=${days}` });
  expect(res.statusCode, res.body).toBe(200);
  return localInstant(res.json().date, time).toISOString();
}

/** Text of a PDF (poppler's pdftotext), NFC, whitespace collapsed. */
export function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pdf-')), 'doc.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
}

/**
 * Demo users beyond the World's, for a file whose system is read by `system()` at each call:
 * `login(username)` signs one in (the demo password) and answers the code of its first agency;
 * then `as(username)` is its authorization header and `userId[username]` its user id.
 */
export function moreUsers(system: () => TestSystem) {
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};
  return {
    async login(username: string): Promise<string> {
      const res = await system().app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      token[username] = res.json().token;
      userId[username] = res.json().user.id;
      return res.json().user.agencies[0]?.code as string;
    },
    as: (username: string) => ({ authorization: `Bearer ${token[username]}` }),
    userId,
  };
}

/**
 * A workbook as LibreOffice, an independent reader, reads it: converted headless to CSV (comma,
 * double quote, UTF-8) in a folder of its own; the conversion must succeed. `name` names the files.
 */
export function libreOfficeCsv(xlsx: Buffer, name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-lo-'));
  fs.writeFileSync(path.join(dir, `${name}.xlsx`), xlsx);
  const run = spawnSync(
    'libreoffice',
    [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, path.join(dir, `${name}.xlsx`)],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  return fs.readFileSync(path.join(dir, `${name}.csv`), 'utf8');
}

/** Whether LibreOffice is installed on this machine. */
export const hasLibreOffice = () => spawnSync('libreoffice', ['--version'], { encoding: 'utf8' }).status === 0;

/** Expects a document's text (`pdfText`) to show each of `parts`; a failure names the first missing. */
export function expectShows(text: string, parts: string[]) {
  for (const part of parts) expect(text).toContain(part);
}

/**
 * Callers signed in by username, for tests that speak as several demo users over HTTP:
 * `as(user)` is the authorization header (one login per user), `call(user, method, url, body)`
 * an injected request (`null`: anonymous), `at(iso)` moves the test clock and forgets the
 * sessions (a session ends with its day). `system` is read at each call (set in `beforeAll`).
 */
export function signedInCallers(system: () => TestSystem) {
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await system().login(username));
    return { authorization: `Bearer ${tokens.get(username)}` };
  };
  const call = async (username: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    system().app.inject({ method, url, headers: username ? await as(username) : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const at = (iso: string) => {
    system().clock.set(new Date(iso));
    tokens.clear();
  };
  return { as, call, at };
}
