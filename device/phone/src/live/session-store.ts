import type { GuardEvent } from '../../../../src/guard/events.ts';
import type { GuardInput } from '../../../../src/samples/sample.ts';

/**
 * Where a live session is kept (store.ts: IndexedDB). Its own file, free of
 * DOM types, so that the live session (session.ts) can be run and tested
 * anywhere with a store in memory.
 */
export interface SessionRecord {
  readonly id: number;
  readonly startedAtMs: number;
  /** The profile the run was guarded with, as its JSON text. */
  readonly profile: string;
  /** The run judged after Stop (see after-run.ts); absent until then, or when the tab was closed mid-run. */
  readonly result?: SessionResult;
}

/** What the session list shows of a run without reading it all again. */
export interface SessionResult {
  readonly timerMs: number;
  readonly verdict: 'easy' | 'moderate' | 'unknown';
}

export interface SessionStore {
  startSession(startedAtMs: number, profile: string): Promise<number>;
  appendInput(sessionId: number, input: GuardInput): void;
  appendEvent(sessionId: number, event: GuardEvent): void;
  sessions(): Promise<SessionRecord[]>;
  inputs(sessionId: number): Promise<GuardInput[]>;
  events(sessionId: number): Promise<GuardEvent[]>;
  /** Writes still in flight (for a clean stop). */
  settled(): Promise<void>;
}
