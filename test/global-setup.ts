import type { TestProject } from 'vitest/node';
import { buildTemplate, dropTemplate } from './template.ts';

/** Migrates and seeds one template database per run; every test file starts from a copy. */
export default async function setup(project: TestProject) {
  const template = await buildTemplate();
  project.provide('dbTemplate', template);
  return async () => {
    await dropTemplate(template);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { kind: 'pglite'; file: string } | { kind: 'postgres'; url: string; name: string };
  }
}
