// Run by rendered-pages.test.ts in a fresh process: how many AsyncLocalStorage stores every new
// async resource carries before and after React's server renderer renders once, loaded as
// rendered-pages.ts loads it (argument `ours`) or plainly. Prints "<before> <after>".
import { executionAsyncResource } from 'node:async_hooks';
import { createElement } from 'react';
import { loadReactRendererWithoutAsyncStorage } from './rendered-pages.ts';

/** Each enabled AsyncLocalStorage puts its own symbol on every async resource made after it. */
const stores = () => new Promise<number>((resolve) => setImmediate(() => resolve(Object.getOwnPropertySymbols(executionAsyncResource()).length)));

if (process.argv[2] === 'ours') loadReactRendererWithoutAsyncStorage(import.meta.filename);
const before = await stores();
const { prerender } = await import('react-dom/static');
await prerender(createElement('p', null, 'Thủ tục'));
console.log(`${before} ${await stores()}`);
