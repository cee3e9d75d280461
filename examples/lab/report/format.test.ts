import { describe, expect, it } from 'vitest';
import { formatAvailability, formatBytes, formatList, formatMs, formatNumber, formatPercent, formatRatio, formatSignificant, formatUs } from './format.ts';

describe('format', () => {
  it('reads shares as percentages', () => {
    expect(formatPercent(0.0523)).toBe('5%');
    expect(formatPercent(0.0523, 1)).toBe('5.2%');
    expect(formatPercent(null)).toBe('–');
  });
  it('reads times with their unit', () => {
    expect(formatMs(1234.6)).toBe('1,235 ms');
    expect(formatMs(0.14, 1)).toBe('0.1 ms');
    expect(formatMs(1.5, 1)).toBe('1.5 ms');
    expect(formatUs(117.94)).toBe('118 µs');
    expect(formatUs(12.25)).toBe('12.3 µs');
    expect(formatUs(undefined)).toBe('–');
  });
  it('reads sizes in KiB below a MiB and in MiB above', () => {
    expect(formatBytes(2048)).toBe('2 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MiB');
  });
  it('reads ratios to two decimals, one above ten, and a dash for no ratio', () => {
    expect(formatRatio(1.394)).toBe('1.39×');
    expect(formatRatio(12.38)).toBe('12.4×');
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('formatList', () => {
  it('joins names the way a sentence does', () => {
    expect(formatList([])).toBe('');
    expect(formatList(['a'])).toBe('a');
    expect(formatList(['a', 'b'])).toBe('a and b');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('thousands', () => {
  it('are grouped with commas without the browser’s locale data, negatives and decimals kept', () => {
    expect(formatMs(1234567.25, 1)).toBe('1,234,567.3 ms');
    expect(formatMs(-1234)).toBe('-1,234 ms');
    expect(formatMs(-0.2)).toBe('0 ms');
    expect(formatUs(12345.6)).toBe('12,346 µs');
    expect(formatBytes(2000 * 1024)).toBe('2 MiB');
    expect(formatBytes(1500 * 1024 * 1024 * 1024)).toBe('1,536,000 MiB');
  });
});

describe('formatNumber', () => {
  it('prints whole numbers with grouped thousands from 100 up and one decimal below', () => {
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(57.94)).toBe('57.9');
    expect(formatNumber(100)).toBe('100');
  });
});

describe('formatSignificant and formatAvailability', () => {
  it('keep the decimals a small figure needs, and group thousands', () => {
    expect([formatSignificant(321.96), formatSignificant(12.34), formatSignificant(2.254), formatSignificant(2), formatSignificant(12345.6)]).toEqual(['322', '12.3', '2.25', '2', '12,346']);
    expect(formatSignificant(-0.004)).toBe('0');
  });

  it('never round an availability below 100 up to 100', () => {
    expect([formatAvailability(99.98333), formatAvailability(99.5), formatAvailability(99.99999)]).toEqual(['99.983', '99.5', '99.99999']);
  });
});
