/**
 * The one byte test that tells XML (GPX, TCX) from FIT, kept apart from the
 * XML parser (./xml.ts) so that a reader of FIT files can ask it without
 * loading the parser.
 */

/** Whether the bytes start (after a byte-order mark and white space) with '<', as every XML document does. */
export function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c;
}
