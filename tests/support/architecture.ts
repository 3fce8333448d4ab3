/**
 * The architecture's rules, as a checker over an import graph: which way
 * dependencies may run between `src/` (the guard), `simulator/`, `device/`
 * and `tests/`, and what `src/` may not touch (Node, the DOM, the clock).
 * See "Layout" in docs/design.md.
 *
 * The checker is pure (a graph in, violations out) so that
 * tests/architecture.test.ts can plant violations in small fake graphs and
 * see each rule fail; `readImportGraph` builds the real graph from the files
 * with the TypeScript compiler's own import scanner (`ts.preProcessFile`:
 * static imports, `export … from`, `import type`, dynamic `import('…')`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/** One import as written in a file. */
export interface ImportEdge {
  /** The specifier as written: `./x.ts`, `rxjs`, `node:fs`. */
  readonly specifier: string;
  /** Repository-relative path of the file it names (relative specifiers only). */
  readonly target?: string;
  readonly line: number;
}

/** A use of the DOM or the clock, found in a file's code (not its comments). */
export interface GlobalUse {
  /** What was used, as written: `Date.now`, `new Date()`, `setTimeout`, `window`. */
  readonly name: string;
  readonly line: number;
}

export interface SourceFile {
  readonly imports: readonly ImportEdge[];
  readonly globals: readonly GlobalUse[];
}

/** Repository-relative path (forward slashes) → what the file imports and uses. */
export type ImportGraph = ReadonlyMap<string, SourceFile>;

/** Packages the guard in `src/` may import: its runtime libraries, nothing of Node or the build. */
export const SRC_LIBRARIES: readonly string[] = ['rxjs', 'zod', '@garmin/fitsdk', 'fflate', 'fast-xml-parser'];

/** The top folders whose files are read into the graph; `scripts/` is read for the rule on `tests/`. */
export const GRAPH_ROOTS: readonly string[] = ['src', 'simulator', 'device', 'scripts'];

/** Free identifiers that reach the DOM or the clock, forbidden in `src/` (time is an input). */
const FORBIDDEN_GLOBALS: ReadonlySet<string> = new Set([
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'requestAnimationFrame',
  'window',
  'document',
  'navigator',
]);

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.mjs', '.js'];
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'static', 'build']);

const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/** The profile's folder: an edge of src/ (issue #21), which the rest of src/ never imports. */
const PROFILE_FOLDER = 'src/profile';

function topFolder(file: string): string {
  return file.split('/')[0] ?? '';
}

/** The folder a file belongs to in the folder graph: `src/guard/step.ts` → `src/guard`; `src/x.ts` → `src`. */
function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '');
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(packageName(specifier));
}

/**
 * The strongly connected components of a graph with more than one node (or a
 * node that imports itself): each is a set of nodes that reach one another,
 * i.e. at least one cycle. Tarjan's algorithm, iterative.
 */
export function cyclicComponents(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const nodes = [...edges.keys()].sort();
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; children: string[]; at: number }[] = [];
    const enter = (node: string): void => {
      index.set(node, next);
      low.set(node, next);
      next += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: [...(edges.get(node) ?? [])].sort(), at: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.at < frame.children.length) {
        const child = frame.children[frame.at]!;
        frame.at += 1;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = edges.get(frame.node)?.has(frame.node) === true;
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  }
  return components;
}

/** One shortest cycle through the first node of a component: `[a, b, a]`. */
function shortestCycle(component: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i += 1) {
    const node = queue[i]!;
    for (const child of [...(edges.get(node) ?? [])].sort()) {
      if (!members.has(child)) continue;
      if (child === start) {
        const cycle = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)!) cycle.splice(1, 0, at);
        return [...cycle, start];
      }
      if (cameFrom.has(child)) continue;
      cameFrom.set(child, node);
      queue.push(child);
    }
  }
  return [...component];
}

/**
 * Every breach of the layout's rules in a graph, one line each, naming the
 * files (and the line of the import or use). Empty when the layout holds.
 */
export function checkArchitecture(graph: ImportGraph): string[] {
  const problems: string[] = [];
  const fileEdges = new Map<string, Set<string>>();
  const folderEdges = new Map<string, Set<string>>();

  for (const [file, source] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    const top = topFolder(file);
    const targets = new Set<string>();
    fileEdges.set(file, targets);
    if (!folderEdges.has(folderOf(file))) folderEdges.set(folderOf(file), new Set());

    for (const edge of source.imports) {
      const at = `${file}:${edge.line}`;
      if (edge.target === undefined) {
        if (top === 'src' && isNodeBuiltin(edge.specifier)) {
          problems.push(`${at}: src/ imports the Node builtin '${edge.specifier}' (the guard is platform-free)`);
        } else if (top === 'src' && !SRC_LIBRARIES.includes(packageName(edge.specifier))) {
          problems.push(`${at}: src/ imports '${edge.specifier}', which is not one of its libraries (${SRC_LIBRARIES.join(', ')})`);
        }
        continue;
      }
      const targetTop = topFolder(edge.target);
      const known = graph.has(edge.target);
      if (known) targets.add(edge.target);
      if (!known && targetTop !== 'tests' && SOURCE_EXTENSIONS.some((ext) => edge.target!.endsWith(ext))) {
        // A file moved under an import (a merge of work begun before the move, say): name where it went wrong.
        problems.push(`${at}: imports ${edge.target}, which is not there`);
      } else if (targetTop === 'tests' && top !== 'tests') {
        problems.push(`${at}: imports ${edge.target}; nothing outside tests/ may import tests/`);
      } else if (top === 'src' && targetTop !== 'src') {
        problems.push(`${at}: src/ imports ${edge.target}; src/ imports only src/ and its libraries`);
      } else if ((top === 'simulator' && targetTop === 'device') || (top === 'device' && targetTop === 'simulator')) {
        problems.push(`${at}: ${top}/ imports ${edge.target}; simulator/ and device/ import src/, never each other`);
      } else if (top === 'src' && folderOf(edge.target) === PROFILE_FOLDER && folderOf(file) !== PROFILE_FOLDER) {
        problems.push(`${at}: imports ${edge.target}; the profile is an edge of src/: it imports the rest, never the reverse`);
      }
      if (known && top === targetTop) {
        const from = folderOf(file);
        const to = folderOf(edge.target);
        if (from !== to) folderEdges.get(from)!.add(to);
      }
    }
    if (top === 'src') {
      for (const use of source.globals) {
        problems.push(`${file}:${use.line}: src/ uses ${use.name} (no DOM or clock in the guard: time is an input)`);
      }
    }
  }

  for (const component of cyclicComponents(fileEdges)) {
    problems.push(`import cycle between files: ${shortestCycle(component, fileEdges).join(' → ')}`);
  }
  for (const component of cyclicComponents(folderEdges)) {
    const cycle = shortestCycle(component, folderEdges);
    // One import that makes each step of the cycle, so the message says where to cut.
    const steps = cycle.slice(1).map((to, i) => {
      const from = cycle[i]!;
      const file = [...fileEdges.keys()].sort().find((f) => folderOf(f) === from && [...fileEdges.get(f)!].some((t) => folderOf(t) === to));
      const target = file === undefined ? undefined : [...fileEdges.get(file)!].sort().find((t) => folderOf(t) === to);
      return `${file ?? from} → ${target ?? to}`;
    });
    problems.push(`import cycle between folders: ${cycle.join(' → ')} (through ${steps.join('; ')})`);
  }
  return problems;
}

function lineOf(sourceFile: ts.SourceFile, pos: number): number {
  return sourceFile.getLineAndCharacterOfPosition(pos).line + 1;
}

/** Is this identifier a name being declared or a property's name, rather than a reference to a global? */
function isNameNotReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  if (ts.isQualifiedName(parent)) return parent.right === node;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isEnumMember(parent) ||
    ts.isBindingElement(parent) ||
    ts.isImportSpecifier(parent) ||
    ts.isExportSpecifier(parent)
  ) {
    return parent.name === node || (ts.isBindingElement(parent) && parent.propertyName === node);
  }
  return false;
}

/**
 * Every name the file declares (variables, parameters, functions, classes,
 * imports). A file that names a local `window` (a span of samples) means its
 * own, not the browser's: scopes are not followed, which is enough for a
 * check whose whole answer is "none".
 */
function declaredNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isBindingElement(node) ||
        ts.isImportClause(node) ||
        ts.isImportSpecifier(node) ||
        ts.isNamespaceImport(node)) &&
      node.name !== undefined &&
      ts.isIdentifier(node.name)
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

/**
 * The DOM and clock uses in one file's code: `Date.now`, `Date()` and
 * `new Date()` without arguments (the time now), and the free globals of
 * `FORBIDDEN_GLOBALS` (also as `globalThis.x`). Comments and strings are not
 * code, so they are not searched.
 */
export function findGlobalUses(fileName: string, text: string): GlobalUse[] {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const declared = declaredNames(sourceFile);
  const uses: GlobalUse[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const owner = node.expression.text;
      if (owner === 'Date' && node.name.text === 'now') uses.push({ name: 'Date.now', line: lineOf(sourceFile, node.getStart()) });
      if (owner === 'globalThis' && FORBIDDEN_GLOBALS.has(node.name.text)) {
        uses.push({ name: `globalThis.${node.name.text}`, line: lineOf(sourceFile, node.getStart()) });
      }
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date') {
      if ((node.arguments?.length ?? 0) === 0) uses.push({ name: 'new Date()', line: lineOf(sourceFile, node.getStart()) });
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date') {
      uses.push({ name: 'Date()', line: lineOf(sourceFile, node.getStart()) });
    } else if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text) && !declared.has(node.text) && !isNameNotReference(node)) {
      uses.push({ name: node.text, line: lineOf(sourceFile, node.getStart()) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return uses;
}

/** Repository-relative path a relative specifier names, from the importing file. */
function resolveRelative(file: string, specifier: string, exists: (file: string) => boolean): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  if (exists(joined)) return joined;
  // A `.js` specifier may name a `.ts` file (NodeNext); an extensionless one, a file or a folder's index.
  const base = joined.replace(/\.(m?js)$/, '');
  for (const candidate of [...SOURCE_EXTENSIONS.map((ext) => base + ext), `${joined}/index.ts`]) {
    if (exists(candidate)) return candidate;
  }
  return joined;
}

function listSources(root: string, dir: string, into: string[]): void {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) listSources(root, relative, into);
    } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts')) {
      into.push(relative);
    }
  }
}

/** The import graph of the repository at `root`, over `roots` (top folders). */
export function readImportGraph(root: string, roots: readonly string[] = GRAPH_ROOTS): ImportGraph {
  const files: string[] = [];
  for (const dir of roots) if (existsSync(path.join(root, dir))) listSources(root, dir, files);
  const known = new Set(files);
  const exists = (file: string): boolean => known.has(file) || file.startsWith('tests/');
  const graph = new Map<string, SourceFile>();
  for (const file of files.sort()) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const info = ts.preProcessFile(text, true, true);
    const lines = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
    const imports: ImportEdge[] = info.importedFiles.map((ref) => {
      const line = lineOf(lines, ref.pos);
      if (!ref.fileName.startsWith('.')) return { specifier: ref.fileName, line };
      return { specifier: ref.fileName, target: resolveRelative(file, ref.fileName, exists), line };
    });
    const globals = topFolder(file) === 'src' ? findGlobalUses(file, text) : [];
    graph.set(file, { imports, globals });
  }
  return graph;
}
