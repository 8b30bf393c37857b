import { describe, expect, it } from 'vitest';
import { modules } from '../bootstrap.ts';
import type { AppContext } from './context.ts';
import { defineEvents } from './events.ts';
import type { Config } from '../config.ts';
import type { Sql } from './db.ts';
import { actorResolver, collectEventHandlers, configureModules, eventWiringProblems, type Module, registerModules } from './module.ts';

const ctx = {} as AppContext;
const noop = async () => {};
const events = defineEvents<{ 'a.made': { id: string }; 'a.gone': { id: string } }>({ 'a.made': true, 'a.gone': true });
const producer: Module = { name: 'a', events };

describe('event wiring (boot check)', () => {
  it('is complete for the modules bootstrap lists: every produced topic has its handler', () => {
    const handlers = collectEventHandlers(modules, ctx);
    expect(eventWiringProblems(modules, handlers)).toEqual([]);
    expect(Object.keys(handlers)).toEqual(
      expect.arrayContaining(['dossier.status_changed', 'dossier.assigned', 'dossier.supplement_received', 'appointment.reminder', 'user.password_changed', 'user.password_reset']),
    );
    // the officers' notices of an assignment and of a completed supplement are the notifications module's
    const notifications = modules.find((m) => m.name === 'notifications')?.eventHandlers?.(ctx) ?? {};
    expect(Object.keys(notifications)).toEqual(expect.arrayContaining(['dossier.assigned', 'dossier.supplement_received']));
  });

  it('names a produced topic nobody handles, and a handler of a topic nobody produces', () => {
    const consumer: Module = { name: 'b', eventHandlers: () => ({ 'a.made': noop, 'c.unknown': noop }) };
    const all = [producer, consumer];
    expect(eventWiringProblems(all, collectEventHandlers(all, ctx))).toEqual([
      'event topic a.gone (module a) has no handler',
      'a handler listens to c.unknown, which no module produces',
    ]);
  });

  it('counts a projection (a read model in the transaction) as a handler, and names one of a topic nobody produces', () => {
    const projector: Module = { name: 'p', eventHandlers: () => ({ 'a.made': noop }), projections: { 'a.gone': noop, 'c.unknown': noop } };
    const all = [producer, projector];
    expect(eventWiringProblems(all, collectEventHandlers(all, ctx))).toEqual(['a projection follows c.unknown, which no module produces']);
  });

  it('counts a queued projection (a read model kept after commit) as a handler of its topics', () => {
    const queued: Module = {
      name: 'q',
      eventHandlers: () => ({ 'a.made': noop }),
      queuedProjection: { name: 'q', keys: { 'a.gone': (e) => e.key, 'c.unknown': (e) => e.key }, project: async () => {} },
    };
    const all = [producer, queued];
    expect(eventWiringProblems(all, collectEventHandlers(all, ctx))).toEqual(['a projection follows c.unknown, which no module produces']);
  });

  it('wires dossier.rated (evaluation) to the indicators projection and the cabinet deadlines to its face', () => {
    const byName = new Map(modules.map((m) => [m.name, m]));
    expect(byName.get('evaluation')?.events?.topics).toContain('dossier.rated');
    expect(Object.keys(byName.get('indicators')?.queuedProjection?.keys ?? {})).toEqual(['dossier.status_changed', 'dossier.rated']);
    expect(byName.get('cabinet')?.jobs?.map((j) => j.queue)).toEqual(['cabinet.deadlines']);
    expect(typeof byName.get('exchange')?.start).toBe('function');
    expect(modules.filter((m) => m.register).map((m) => m.name)).toEqual(['cabinet', 'reporting', 'inspection']); // cabinet: the start page of a member (/hop)
  });

  it('runs every module\'s register hook once bootstrap registers the modules', () => {
    const calls: string[] = [];
    registerModules([
      { name: 'x', register: () => calls.push('x') },
      { name: 'y' },
      { name: 'z', register: () => calls.push('z') },
    ]);
    expect(calls).toEqual(['x', 'z']);
  });

  it('bootstrap imports module faces only (and types), nothing by name', async () => {
    const fs = await import('node:fs');
    const source = fs.readFileSync(new URL('../bootstrap.ts', import.meta.url), 'utf8');
    const named = [...source.matchAll(/import \{([^}]*)\} from '#modules\/[^']+\/index\.ts'/g)].flatMap((m) => m[1].split(',').map((s) => s.trim()));
    expect(named.filter((name) => !/^module as \w+$|^type /.test(name))).toEqual([]);
  });

  it('takes the actor from the one module that resolves it (identity), and refuses none or two', async () => {
    expect(modules.filter((m) => m.resolveActor).map((m) => m.name)).toEqual(['identity']);
    const resolveActor = async () => null;
    expect(actorResolver([{ name: 'x' }, { name: 'y', resolveActor }])).toBe(resolveActor);
    expect(() => actorResolver([{ name: 'x' }])).toThrow('one module resolves the actor, not 0');
    expect(() => actorResolver([{ name: 'x', resolveActor }, { name: 'y', resolveActor }])).toThrow('not 2 (x, y)');
  });

  it('lets each module derive settings from the database in list order (payments: its gateway secret)', async () => {
    expect(modules.filter((m) => m.configure).map((m) => m.name)).toEqual(['payments']);
    const config = { PORT: 1, MOTCUA_PAYMENT_SECRET: undefined } as unknown as Config;
    const configured = await configureModules(
      [
        { name: 'a', configure: async () => ({ MOTCUA_PAYMENT_SECRET: 'from-a' }) },
        { name: 'b', configure: async (_db, c) => ({ MOTCUA_PAYMENT_SECRET: `${c.MOTCUA_PAYMENT_SECRET}+b` }) },
      ],
      {} as Sql,
      config,
    );
    expect(configured).toMatchObject({ PORT: 1, MOTCUA_PAYMENT_SECRET: 'from-a+b' });
    expect(config.MOTCUA_PAYMENT_SECRET).toBeUndefined();
  });

  it('refuses two handlers for one topic', () => {
    const twice: Module[] = [
      producer,
      { name: 'b', eventHandlers: () => ({ 'a.made': noop }) },
      { name: 'c', eventHandlers: () => ({ 'a.made': noop }) },
    ];
    expect(() => collectEventHandlers(twice, ctx)).toThrow('event topic a.made has two handlers (module c)');
  });
});

describe('module list', () => {
  it('names every module folder once', async () => {
    const fs = await import('node:fs');
    const folders = fs.readdirSync(new URL('../modules', import.meta.url)).sort();
    expect(modules.map((m) => m.name).sort()).toEqual(folders);
  });
});
