/**
 * The layout, enforced (see "Layout" in docs/design.md): no import cycles
 * between files, nor between the folders of src/, simulator/ or device/;
 * src/ imports only src/ and its libraries, and uses no Node, DOM or clock;
 * simulator/ and device/ import src/, never each other; nothing outside
 * tests/ imports tests/. The checker is first shown to fail on planted
 * breaches in small graphs, then run on the repository.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  checkArchitecture,
  cyclicComponents,
  findGlobalUses,
  readImportGraph,
  type ImportEdge,
  type ImportGraph,
} from './support/architecture.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** A fake graph: file → the files or packages it imports (relative targets written repository-relative, with a `/`). */
function graphOf(files: Record<string, readonly string[]>, globals: Record<string, readonly string[]> = {}): ImportGraph {
  const graph = new Map<string, { imports: ImportEdge[]; globals: { name: string; line: number }[] }>();
  for (const [file, imports] of Object.entries(files)) {
    graph.set(file, {
      imports: imports.map((to, i) =>
        to.includes('/') && !to.startsWith('@') && !to.startsWith('node:') && !to.startsWith('rxjs/')
          ? { specifier: `./${to}`, target: to, line: i + 1 }
          : { specifier: to, line: i + 1 },
      ),
      globals: (globals[file] ?? []).map((name) => ({ name, line: 1 })),
    });
  }
  return graph;
}

describe('the checker fails on each kind of breach', () => {
  test.each<[string, Record<string, readonly string[]>, Record<string, readonly string[]>, readonly RegExp[]]>([
    ['a layered graph', { 'src/a/x.ts': ['src/b/y.ts', 'rxjs', 'zod'], 'src/b/y.ts': ['@garmin/fitsdk'], 'simulator/m.ts': ['src/a/x.ts', 'node:fs'], 'device/d.ts': ['src/b/y.ts'], 'tests/t.ts': ['tests/u.ts', 'device/d.ts', 'simulator/m.ts'], 'tests/u.ts': [] }, {}, []],
    ['a cycle of two files', { 'src/a/x.ts': ['src/a/y.ts'], 'src/a/y.ts': ['src/a/x.ts'] }, {}, [/cycle between files: src\/a\/x\.ts → src\/a\/y\.ts → src\/a\/x\.ts/]],
    ['a cycle of three files', { 'simulator/a.ts': ['simulator/b.ts'], 'simulator/b.ts': ['simulator/c.ts'], 'simulator/c.ts': ['simulator/a.ts'] }, {}, [/cycle between files: simulator\/a\.ts → simulator\/b\.ts → simulator\/c\.ts → simulator\/a\.ts/]],
    ['a file that imports itself', { 'device/a.ts': ['device/a.ts'] }, {}, [/cycle between files: device\/a\.ts → device\/a\.ts/]],
    ['a cycle of folders without a cycle of files', { 'src/signal/c.ts': ['src/guard/config.ts'], 'src/guard/config.ts': [], 'src/guard/step.ts': ['src/signal/c.ts'] }, {}, [/cycle between folders: src\/guard → src\/signal → src\/guard \(through src\/guard\/step\.ts → src\/signal\/c\.ts; src\/signal\/c\.ts → src\/guard\/config\.ts\)/]],
    ['a cycle of simulator folders', { 'simulator/cli/main.ts': ['simulator/tune/command.ts'], 'simulator/tune/command.ts': ['simulator/cli/fail.ts'], 'simulator/cli/fail.ts': [] }, {}, [/cycle between folders: simulator\/cli → simulator\/tune → simulator\/cli/]],
    ['src/ importing the profile from below it', { 'src/tune/grid.ts': ['src/profile/profile.ts'], 'src/profile/profile.ts': ['src/guard/config.ts'], 'src/guard/config.ts': [] }, {}, [/src\/tune\/grid\.ts:1: imports src\/profile\/profile\.ts; the profile is an edge of src\//]],
    ['the profile importing the rest of src/, which it may', { 'src/profile/profile.ts': ['src/guard/config.ts'], 'src/guard/config.ts': [] }, {}, []],
    ['src/ importing the simulator', { 'src/a/x.ts': ['simulator/m.ts'], 'simulator/m.ts': [] }, {}, [/src\/a\/x\.ts:1: src\/ imports simulator\/m\.ts/]],
    ['src/ importing device/', { 'src/a/x.ts': ['device/d.ts'], 'device/d.ts': [] }, {}, [/src\/a\/x\.ts:1: src\/ imports device\/d\.ts/]],
    ['src/ importing a node: builtin', { 'src/a/x.ts': ['node:fs'] }, {}, [/src\/a\/x\.ts:1: src\/ imports the Node builtin 'node:fs'/]],
    ['src/ importing a bare Node builtin', { 'src/a/x.ts': ['path'] }, {}, [/src\/a\/x\.ts:1: src\/ imports the Node builtin 'path'/]],
    ['src/ importing a package that is not its library', { 'src/a/x.ts': ['uplot'] }, {}, [/src\/a\/x\.ts:1: src\/ imports 'uplot', which is not one of its libraries/]],
    ['src/ importing a development tool', { 'src/a/x.ts': ['esbuild'] }, {}, [/'esbuild', which is not one of its libraries/]],
    ['the simulator importing device/', { 'simulator/m.ts': ['device/d.ts'], 'device/d.ts': [] }, {}, [/simulator\/m\.ts:1: simulator\/ imports device\/d\.ts; simulator\/ and device\/ import src\/, never each other/]],
    ['device/ importing the simulator', { 'device/d.ts': ['simulator/m.ts'], 'simulator/m.ts': [] }, {}, [/device\/d\.ts:1: device\/ imports simulator\/m\.ts/]],
    ['device/ importing tests/', { 'device/d.ts': ['tests/h.ts'] }, {}, [/device\/d\.ts:1: imports tests\/h\.ts; nothing outside tests\/ may import tests\//]],
    ['scripts/ importing tests/', { 'scripts/s.mjs': ['tests/h.ts'] }, {}, [/scripts\/s\.mjs:1: imports tests\/h\.ts/]],
    ['an import of a file that is not there', { 'simulator/cache/c.ts': ['simulator/calibrate/atomic.ts'] }, {}, [/simulator\/cache\/c\.ts:1: imports simulator\/calibrate\/atomic\.ts, which is not there/]],
    ['src/ using the clock', { 'src/a/x.ts': [] }, { 'src/a/x.ts': ['Date.now'] }, [/src\/a\/x\.ts:1: src\/ uses Date\.now/]],
    ['the simulator using the clock, which it may', { 'simulator/m.ts': [] }, { 'simulator/m.ts': ['Date.now'] }, []],
  ])('%s', (_name, files, globals, expected) => {
    const problems = checkArchitecture(graphOf(files, globals));
    expect(problems).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(problems[i]).toMatch(pattern));
  });

  test('components: every cycle found once, acyclic parts left out', () => {
    const edges = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a', 'c'])],
      ['c', new Set(['d'])],
      ['d', new Set(['c', 'e'])],
      ['e', new Set<string>()],
    ]);
    expect(cyclicComponents(edges).map((c) => c.join(',')).sort()).toEqual(['a,b', 'c,d']);
  });
});

describe('DOM and clock uses are found in code, not in comments or names', () => {
  test.each<[string, string, readonly string[]]>([
    ['Date.now', 'const t = Date.now();', ['Date.now']],
    ['new Date() without arguments', 'const t = new Date();', ['new Date()']],
    ['new Date without parentheses', 'const t = new Date;', ['new Date()']],
    ['Date() as a call', 'const s = Date();', ['Date()']],
    ['new Date of a timestamp, which is a conversion', 'const t = new Date(atMs).toISOString();', []],
    ['setTimeout', 'setTimeout(() => {}, 10);', ['setTimeout']],
    ['setInterval through globalThis', 'globalThis.setInterval(() => {}, 10);', ['globalThis.setInterval']],
    ['performance.now', 'const t = performance.now();', ['performance']],
    ['window', 'const w = window.innerWidth;', ['window']],
    ['document', 'document.title = "x";', ['document']],
    ['navigator', 'const v = navigator.vibrate;', ['navigator']],
    ['comments and strings', '// Date.now() and setTimeout\nconst s = "window";', []],
    ['a property named like a global', 'const o = { window: 3, document: 2 }; o.window += o.document;', []],
    ['a local named like a global', 'function f(window: number[]): number { return window.length; }', []],
    ['a destructured local', 'const { window } = state; use(window);', []],
  ])('%s', (_name, code, expected) => {
    expect(findGlobalUses('src/x.ts', code).map((use) => use.name)).toEqual(expected);
  });
});

describe('the graph is read from the files', () => {
  test('static, type-only, re-exported and dynamic imports, and the clock in code', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'paceguard-architecture-'));
    try {
      mkdirSync(path.join(root, 'src/a'), { recursive: true });
      mkdirSync(path.join(root, 'simulator'), { recursive: true });
      writeFileSync(
        path.join(root, 'src/a/x.ts'),
        [
          "import { y } from './y.ts';",
          "import type { Z } from '../b/z.ts';",
          "export { w } from './w.js';",
          "const lazy = await import('../../simulator/m.ts');",
          'const at = Date.now();',
        ].join('\n'),
      );
      for (const file of ['src/a/y.ts', 'src/b/z.ts', 'src/a/w.ts', 'simulator/m.ts']) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), 'export const v = 1;\n');
      }
      const x = readImportGraph(root).get('src/a/x.ts');
      expect(x?.imports.map((edge) => [edge.target, edge.line])).toEqual([
        ['src/a/y.ts', 1],
        ['src/b/z.ts', 2],
        ['src/a/w.ts', 3],
        ['simulator/m.ts', 4],
      ]);
      expect(x?.globals).toEqual([{ name: 'Date.now', line: 5 }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the repository', () => {
  const graph = readImportGraph(ROOT);

  test('is read whole', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/guard/step.ts')?.imports.map((edge) => edge.target)).toContain('src/guard/conditioned.ts');
    expect(graph.get('src/guard/conditioned.ts')?.imports.map((edge) => edge.target)).toContain('src/signal/condition.ts');
  });

  test('keeps its layout', () => {
    expect(checkArchitecture(graph)).toEqual([]);
  });
});
