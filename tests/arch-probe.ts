import { readImportGraph, checkArchitecture } from './support/architecture.ts';
for (const p of checkArchitecture(readImportGraph(process.cwd()))) if (!p.includes('uses window') && !p.includes('uses document')) console.log(p);
