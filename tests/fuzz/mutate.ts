/**
 * Seeded mutations of an input's bytes, the kind a disk, a transfer, another
 * program or a hostile hand makes: bits flipped, bytes overwritten, ranges cut,
 * repeated or spliced, numbers swapped for extremes (timestamps of 8.64e15,
 * ±1e308), newlines put into text, lines repeated by the thousand. The same
 * seed gives the same bytes. Each mutation is named, so a failing case says
 * what was done to its input.
 */
import { CrcCalculator } from '@garmin/fitsdk';
import type { Random } from '../../src/random/mulberry32.ts';
import { concatBytes } from '../support/bytes.ts';

export interface Mutated {
  readonly bytes: Uint8Array;
  /** What was done, in order ("flip@123", "number→1e308"). */
  readonly steps: readonly string[];
}

type Mutation = (bytes: Uint8Array, random: Random) => { bytes: Uint8Array; step: string };

const int = (random: Random, below: number): number => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)] as T;

/** Numbers a reader must survive: the limits of JavaScript's dates and doubles, of FIT's integers, and their neighbours. */
const EXTREME_NUMBERS = ['8.64e15', '8640000000000001', '-8.64e15', '1e308', '-1e308', '1e-300', '0', '-1', '-0', '4294967295', '2147483648', '9007199254740993', '1e21', '0.5', '99999999999'];
/** 32-bit values put over 4 bytes of binary input (a FIT timestamp scrambled, a size field absurd). */
const EXTREME_WORDS = [0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000, 0, 1, 0x10000000, 0x0fffffff];

const flipBit: Mutation = (bytes, random) => {
  const out = bytes.slice();
  const at = int(random, out.length);
  out[at] = (out[at] as number) ^ (1 << int(random, 8));
  return { bytes: out, step: `flip@${at}` };
};

const overwriteBytes: Mutation = (bytes, random) => {
  const out = bytes.slice();
  const at = int(random, out.length);
  const count = 1 + int(random, 8);
  for (let i = at; i < Math.min(out.length, at + count); i++) out[i] = int(random, 256);
  return { bytes: out, step: `overwrite@${at}+${count}` };
};

const overwriteWord: Mutation = (bytes, random) => {
  const out = bytes.slice();
  if (out.length < 4) return { bytes: out, step: 'word(short)' };
  const at = int(random, out.length - 3);
  const word = random() < 0.5 ? pick(random, EXTREME_WORDS) : int(random, 2 ** 32);
  new DataView(out.buffer).setUint32(at, word >>> 0, random() < 0.5);
  return { bytes: out, step: `word@${at}=${word}` };
};

const truncate: Mutation = (bytes, random) => {
  const at = int(random, bytes.length + 1);
  return { bytes: bytes.slice(0, at), step: `truncate@${at}` };
};

const cutRange: Mutation = (bytes, random) => {
  const at = int(random, bytes.length);
  const count = 1 + int(random, Math.max(1, Math.floor(bytes.length / 8)));
  return { bytes: concatBytes(bytes.subarray(0, at), bytes.subarray(at + count)), step: `cut@${at}+${count}` };
};

/** A range repeated in place, up to thousands of times: the crowding and size attacks. */
const repeatRange: Mutation = (bytes, random) => {
  const at = int(random, bytes.length);
  const count = 1 + int(random, 64);
  const range = bytes.subarray(at, at + count);
  const times = random() < 0.2 ? 1000 + int(random, 20_000) : 2 + int(random, 20);
  const pieces = [bytes.subarray(0, at + count), ...Array.from({ length: times }, () => range), bytes.subarray(at + count)];
  return { bytes: concatBytes(...pieces), step: `repeat@${at}+${count}x${times}` };
};

const spliceRange: Mutation = (bytes, random) => {
  const from = int(random, bytes.length);
  const count = 1 + int(random, 256);
  const to = int(random, bytes.length);
  const range = bytes.slice(from, from + count);
  return { bytes: concatBytes(bytes.subarray(0, to), range, bytes.subarray(to)), step: `splice${from}+${count}→${to}` };
};

// Text mutations: any input the command reads as text (GPX, TCX, JSON, session logs).

const NUMBER = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi;

const swapNumber: Mutation = (bytes, random) => {
  const text = decode(bytes);
  const matches = [...text.matchAll(NUMBER)];
  if (matches.length === 0) return { bytes, step: 'number(none)' };
  const match = pick(random, matches);
  const value = pick(random, EXTREME_NUMBERS);
  const at = match.index;
  return { bytes: encode(text.slice(0, at) + value + text.slice(at + match[0].length)), step: `number@${at}→${value}` };
};

const insertText: Mutation = (bytes, random) => {
  const text = decode(bytes);
  const at = int(random, text.length + 1);
  const piece = pick(random, ['\n', '\r\n', '"', '\\', '\u0000', '<', '>', '&', ',', '{', '}', '[', ']', '\u202e', '\ud800', 'é', '\n\n\n', '</', '<!--']);
  return { bytes: encode(text.slice(0, at) + piece + text.slice(at)), step: `insert@${at}=${JSON.stringify(piece)}` };
};

/** A whole line repeated: a million samples at one instant is this, many times. */
const repeatLine: Mutation = (bytes, random) => {
  const lines = decode(bytes).split('\n');
  const index = int(random, lines.length);
  const times = random() < 0.3 ? 10_000 + int(random, 90_000) : 2 + int(random, 50);
  const line = lines[index] as string;
  lines.splice(index, 0, ...Array.from({ length: times }, () => line));
  return { bytes: encode(lines.join('\n')), step: `line${index}x${times}` };
};

const dropLine: Mutation = (bytes, random) => {
  const lines = decode(bytes).split('\n');
  const index = int(random, lines.length);
  lines.splice(index, 1);
  return { bytes: encode(lines.join('\n')), step: `drop-line${index}` };
};

export const BINARY_MUTATIONS: readonly Mutation[] = [flipBit, overwriteBytes, overwriteWord, overwriteWord, truncate, cutRange, repeatRange, spliceRange];
export const TEXT_MUTATIONS: readonly Mutation[] = [swapNumber, swapNumber, swapNumber, insertText, repeatLine, dropLine, flipBit, truncate, cutRange, spliceRange, repeatRange];

/** 1–4 mutations from `mutations`, applied in turn. */
export function mutate(bytes: Uint8Array, random: Random, mutations: readonly Mutation[]): Mutated {
  let out = bytes;
  const steps: string[] = [];
  const count = 1 + int(random, 4);
  for (let i = 0; i < count; i++) {
    if (out.length === 0) break;
    const result = pick(random, mutations)(out, random);
    out = result.bytes;
    steps.push(result.step);
  }
  return { bytes: out, steps };
}

/**
 * A FIT file's header and file CRCs made right again after a mutation, so
 * that the mutated data reaches the decoder as an intact file would (the
 * fuzzer's 47-year run had a valid CRC). Leaves anything too short alone.
 */
export function fixFitCrcs(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 16 || bytes[0] !== 14) return bytes;
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  // The size too: a cut or a repeat changed it.
  const dataSize = out.length - 16;
  view.setUint32(4, dataSize, true);
  view.setUint16(12, CrcCalculator.calculateCRC(out, 0, 12), true);
  view.setUint16(14 + dataSize, CrcCalculator.calculateCRC(out, 0, 14 + dataSize), true);
  return out;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const decode = (bytes: Uint8Array): string => decoder.decode(bytes);
const encode = (text: string): Uint8Array => encoder.encode(text);
