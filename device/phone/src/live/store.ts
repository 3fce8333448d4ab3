import type { GuardEvent } from '../../../../src/guard/events.ts';
import type { GuardInput } from '../../../../src/samples/sample.ts';
import type { SessionRecord, SessionResult, SessionStore } from './session-store.ts';

export type { SessionRecord, SessionResult, SessionStore } from './session-store.ts';

/** The phone's store: a session's record also keeps its result, for the list. */
export interface PhoneStore extends SessionStore {
  saveResult(sessionId: number, result: SessionResult): Promise<void>;
}

/**
 * Every session kept on the phone as it happens (IndexedDB): one write per
 * input and per event, each its own transaction, so a crash, a killed tab or
 * a flat battery loses at most the write in flight. Nothing leaves the phone
 * unless the runner exports the session as a FIT file.
 *
 *   sessions  { id, startedAtMs, profile, result? }
 *   inputs    { sessionId, seq, input }     key [sessionId, seq]
 *   events    { sessionId, seq, event }     key [sessionId, seq]
 */

export const DB_NAME = 'paceguard-phone';
const DB_VERSION = 1;

export function openStore(): Promise<PhoneStore> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('sessions', { keyPath: 'id', autoIncrement: true });
      db.createObjectStore('inputs', { keyPath: ['sessionId', 'seq'] });
      db.createObjectStore('events', { keyPath: ['sessionId', 'seq'] });
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB would not open'));
    request.onsuccess = () => resolve(storeOver(request.result));
  });
}

function storeOver(db: IDBDatabase): PhoneStore {
  const seqs = new Map<string, number>();
  let pending: Promise<void> = Promise.resolve();
  const nextSeq = (key: string): number => {
    const seq = seqs.get(key) ?? 0;
    seqs.set(key, seq + 1);
    return seq;
  };
  const put = (store: 'inputs' | 'events', value: object): void => {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value);
    const done = new Promise<void>((resolve) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => resolve();
      tx.onabort = () => resolve();
    });
    pending = pending.then(() => done);
  };
  const all = <T>(store: 'inputs' | 'events', sessionId: number, pick: (row: Record<string, unknown>) => T): Promise<T[]> =>
    new Promise((resolve, reject) => {
      const range = IDBKeyRange.bound([sessionId, 0], [sessionId, Number.MAX_SAFE_INTEGER]);
      const request = db.transaction(store, 'readonly').objectStore(store).getAll(range);
      request.onsuccess = () => resolve((request.result as Record<string, unknown>[]).map(pick));
      request.onerror = () => reject(request.error ?? new Error(`could not read ${store}`));
    });
  return {
    startSession: (startedAtMs, profile) =>
      new Promise((resolve, reject) => {
        const request = db.transaction('sessions', 'readwrite').objectStore('sessions').add({ startedAtMs, profile });
        request.onsuccess = () => resolve(Number(request.result));
        request.onerror = () => reject(request.error ?? new Error('could not start a session'));
      }),
    appendInput: (sessionId, input) => put('inputs', { sessionId, seq: nextSeq(`i${sessionId}`), input }),
    appendEvent: (sessionId, event) => put('events', { sessionId, seq: nextSeq(`e${sessionId}`), event }),
    sessions: () =>
      new Promise((resolve, reject) => {
        const request = db.transaction('sessions', 'readonly').objectStore('sessions').getAll();
        request.onsuccess = () => resolve(request.result as SessionRecord[]);
        request.onerror = () => reject(request.error ?? new Error('could not list sessions'));
      }),
    inputs: (sessionId) => all('inputs', sessionId, (row) => row['input'] as GuardInput),
    events: (sessionId) => all('events', sessionId, (row) => row['event'] as GuardEvent),
    settled: () => pending,
    saveResult: (sessionId, result) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction('sessions', 'readwrite');
        const sessions = tx.objectStore('sessions');
        const request = sessions.get(sessionId);
        request.onsuccess = () => {
          const record = request.result as SessionRecord | undefined;
          if (record !== undefined) sessions.put({ ...record, result });
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('could not keep the run\'s result'));
      }),
  };
}
