/**
 * The one boundary around fast-xml-parser: bytes in, the document's root
 * element as an untyped tree (or one readable error) out. Only this module
 * imports the library; gpx.ts and tcx.ts narrow the tree with the helpers
 * below. Never throws.
 *
 * ```
 * bytes ─► UTF-8 text ─► starts with '<'? ─► parse (lenient) ─► root element + tree
 *                                        └─► validate ─► where the XML first goes wrong (a warning, not a refusal)
 * ```
 *
 * Namespace prefixes are dropped (`gpxtpx:hr`, `ns3:hr` and `hr` are the
 * same element): exporters choose prefixes freely, and the element names
 * these formats use do not clash. Text stays text (no number guessing), so
 * that "08" or "1e3" reach the narrowing as written. The parser is lenient:
 * a file cut short still yields the elements before the cut (cut inside a
 * tag, it is read again up to the last whole tag), which is why
 * well-formedness is checked separately and reported as damage.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describeError } from '../fit/fields.ts';
import { looksLikeXml } from './looks-like-xml.ts';

/** A parsed element, not yet trusted: attributes under `@_name`, child elements by local name, text under `#text`. */
export type XmlNode = { readonly [key: string]: unknown };

export type XmlDocument =
  | {
      readonly ok: true;
      /** Local name of the root element ('gpx', 'TrainingCenterDatabase'). */
      readonly rootName: string;
      readonly root: XmlNode;
      /** Where the document stops being well-formed XML (line, column and why); absent when it is well-formed. */
      readonly damage?: string;
    }
  | { readonly ok: false; readonly error: string };

const ATTRIBUTE_PREFIX = '@_';
const TEXT_KEY = '#text';

/** Shared: the parser keeps no state between documents. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  textNodeName: TEXT_KEY,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function parseXml(bytes: Uint8Array): XmlDocument {
  if (!looksLikeXml(bytes)) return { ok: false, error: 'not XML (it does not start with a tag)' };
  let text: string;
  try {
    // White space before the declaration is not allowed by XML, but harmless and written by some exporters: not damage.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).trimStart();
  } catch {
    return { ok: false, error: 'not XML (not valid UTF-8 text)' };
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    // A file cut inside a tag stops the parser; cut back to the last whole tag, as a truncated FIT keeps the records before the cut.
    const lastTagEnd = text.lastIndexOf('>');
    try {
      parsed = parser.parse(text.slice(0, lastTagEnd + 1));
    } catch {
      return { ok: false, error: `not readable XML (${describeError(error)})` };
    }
  }
  const root = rootOf(parsed);
  if (root === undefined) return { ok: false, error: 'not XML (no root element)' };
  const damage = wellFormedness(text);
  return { ok: true, rootName: root.name, root: root.node, ...(damage === undefined ? {} : { damage }) };
}

function rootOf(parsed: unknown): { name: string; node: XmlNode } | undefined {
  if (!isNode(parsed)) return undefined;
  for (const [name, value] of Object.entries(parsed)) {
    if (name.startsWith('#') || name.startsWith('?') || name.startsWith('!')) continue;
    // An empty root (`<gpx/>`) parses as '' and one with only text as a string: both are elements without children.
    return { name, node: isNode(value) ? value : {} };
  }
  return undefined;
}

function wellFormedness(text: string): string | undefined {
  const checked = XMLValidator.validate(text);
  if (checked === true) return undefined;
  const { line, col, msg } = checked.err;
  // The validator's messages can span lines (a pretty-printed list of open tags): one line for the runner.
  return `line ${line}, column ${col}: ${msg.replace(/\s+/g, ' ').trim()}`;
}

// ---------------------------------------------------------------------------
// Narrowing the tree

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The child elements of that local name, in document order (one child parses as a value, several as an array). */
export function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  // An element with neither attributes nor children parses as its text (or ''): keep its place, as a node holding that text.
  return list.map((item) => (isNode(item) ? item : { [TEXT_KEY]: item }));
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** The element's own text, trimmed; undefined when it has none. */
export function textOf(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  const value = node[TEXT_KEY];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

export function attributeOf(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`${ATTRIBUTE_PREFIX}${name}`];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** A decimal number written in full ("12", "-0.5", "1.2e3"); undefined for anything else, empty or not finite. */
export function numberOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The text of the first child element of that name. */
export function childText(node: XmlNode, name: string): string | undefined {
  return textOf(child(node, name));
}
