const { buildTemplate, copyTemplate } = await import('./test/template.ts');
const tpl = await buildTemplate();
const fs = await import('node:fs');
fs.copyFileSync((tpl as any).file, '/tmp/t24-tpl.tar');
process.exit(0);
