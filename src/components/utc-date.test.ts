import { describe, expect, it } from 'vitest';
import { shortUtcDate } from './utc-date.ts';

describe('shortUtcDate', () => {
  it('writes what the theme wrote with Intl, for every month and across a day boundary in UTC', () => {
    const format = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const dates = Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2026, month, 1 + month * 2, 23, 59)));
    dates.push(new Date('2026-12-31T23:59:59.999Z'), new Date('2027-01-01T00:00:00Z'));
    for (const date of dates) expect(shortUtcDate(date)).toBe(format.format(date));
  });
});
