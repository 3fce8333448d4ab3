import { describe, expect, test } from 'vitest';
import { DEFAULT_ESTIMATE_SETTINGS, ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';

describe('the estimator settings table', () => {
  test.each(Object.entries(ESTIMATE_SETTINGS))('%s: a unit, a meaning, and a default within its range', (name, setting) => {
    expect(setting.unit.length).toBeGreaterThan(0);
    expect(setting.why.length).toBeGreaterThan(20);
    expect(setting.min).toBeLessThanOrEqual(setting.default);
    expect(setting.default).toBeLessThanOrEqual(setting.max);
    expect(DEFAULT_ESTIMATE_SETTINGS[name as keyof typeof ESTIMATE_SETTINGS]).toBe(setting.default);
  });
});
