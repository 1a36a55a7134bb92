import { describe, expect, it } from 'vitest';
import { formatLastChange } from './last-change';

const now = new Date(2025, 5, 15, 12, 0, 0).getTime();

describe('formatLastChange', () => {
  it('is relative for the last week', () => {
    expect(formatLastChange(now - 5_000, now)).toBe('just now');
    expect(formatLastChange(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(formatLastChange(now - 5 * 3_600_000, now)).toBe('5 h ago');
    expect(formatLastChange(now - 2 * 86_400_000, now)).toBe('2 d ago');
  });

  it('is a date for anything older, with the year only when it is not this one', () => {
    expect(formatLastChange(new Date(2025, 0, 3).getTime(), now, 'en-US')).toBe('Jan 3');
    expect(formatLastChange(new Date(2023, 10, 20).getTime(), now, 'en-US')).toBe('Nov 20, 2023');
  });
});
