/**
 * What `tune --apply` changes in a profile, field by field, as the runner
 * reads it in the file: `hrCeilingBpm 142 → 138`, `tuning.repeatMs unset →
 * 60000`. Both sides are the profile's JSON form (paces as "5:30"); nested
 * objects (tuning) are compared field by field, arrays and the calibration
 * record as wholes.
 */
export function profileChanges(before: unknown, after: unknown): string[] {
  const a = leaves(before);
  const b = leaves(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const lines: string[] = [];
  for (const key of keys) {
    const was = a.get(key);
    const now = b.get(key);
    if (was === now) continue;
    // The calibration record is long and tune never edits it: named, not printed.
    if (key === 'calibration') lines.push(`calibration ${was === undefined ? 'added' : now === undefined ? 'removed' : 'changed'}`);
    else lines.push(`${key} ${was ?? 'unset'} → ${now ?? 'unset'}`);
  }
  return lines;
}

/** Each field's value as text, keyed by its dotted path; one level of nesting, which is all a profile has besides `calibration`. */
function leaves(value: unknown): Map<string, string> {
  const found = new Map<string, string>();
  if (!isPlainObject(value)) return found;
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    if (isPlainObject(field) && key !== 'calibration') {
      for (const [inner, v] of Object.entries(field)) if (v !== undefined) found.set(`${key}.${inner}`, show(v));
    } else {
      found.set(key, key === 'calibration' ? JSON.stringify(field) : show(field));
    }
  }
  return found;
}

function show(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
