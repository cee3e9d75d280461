import { describe, expect, it } from 'vitest';
import { exactly, intervalOf } from '../measure/interval.ts';
import { becauseWordLimit, costThreshold, decideVerdict, wordCount, type Finding } from './verdict-rule.ts';

const because = 'a short sentence with the figure';
const base: Finding = { credited: 'nanoservices', shownBy: { monolith: false, nanoservices: true }, because };

describe('decideVerdict', () => {
  it('says pending while a scaffolded claim has measured nothing, whatever else it states', () => {
    expect(decideVerdict({ ...base, notYetMeasured: 'the experiment is a skeleton' })).toEqual({ verdict: 'pending', because, rule: 'not measured yet: the experiment is a skeleton' });
  });

  it('calls a property true by definition not-testable, whatever else was found', () => {
    const judgement = decideVerdict({ ...base, byDefinition: 'a nanoservice holds one function', shownBy: { monolith: true, nanoservices: true } });
    expect(judgement.verdict).toBe('not-testable');
    expect(judgement.rule).toBe('true by definition: a nanoservice holds one function');
  });

  it('says does-not-hold when the credited cut does not show the benefit', () => {
    expect(decideVerdict({ ...base, shownBy: { monolith: true, nanoservices: false } }).verdict).toBe('does-not-hold');
  });

  it('says misattributed when every cut compared shows the benefit, before looking at a price', () => {
    const judgement = decideVerdict({ ...base, shownBy: { monolith: true, nanoservices: true }, cost: { what: 'memory', ratio: exactly(3) } });
    expect(judgement).toEqual({ verdict: 'misattributed', because, rule: 'every cut compared shows it (monolith, nanoservices)' });
  });

  it('says conditional when the benefit flips inside the realistic region', () => {
    expect(decideVerdict({ ...base, flipsWithinRealisticRegion: 'holds above 245 µs of work per call' }).verdict).toBe('conditional');
  });

  it('says holds-with-cost only when the whole interval of the price is above the threshold', () => {
    const clear = { estimate: 1.3, low: costThreshold + 0.01, high: 1.5, runs: 5 };
    const unclear = { estimate: 1.3, low: costThreshold - 0.01, high: 1.5, runs: 5 };
    expect(decideVerdict({ ...base, cost: { what: 'latency', ratio: clear } }).verdict).toBe('holds-with-cost');
    expect(decideVerdict({ ...base, cost: { what: 'latency', ratio: unclear } })).toMatchObject({ verdict: 'holds', rule: `its price (latency) is not clearly above ${costThreshold}×` });
    expect(decideVerdict({ ...base, cost: { what: 'units to run', ratio: exactly(2) } }).verdict).toBe('holds-with-cost');
    expect(decideVerdict({ ...base, cost: { what: 'latency', ratio: intervalOf([1.01, 1.02, 1.0, 1.03, 1.02]) } }).verdict).toBe('holds');
  });

  it('says holds when only the credited cut shows the benefit and nothing costs more', () => {
    expect(decideVerdict(base)).toEqual({ verdict: 'holds', because, rule: 'only nanoservices show it, at no measured price' });
  });

  it('refuses a finding that does not name the credited cut, or has no or too long a because', () => {
    expect(() => decideVerdict({ ...base, shownBy: { monolith: true } })).toThrow('whether the credited cut (nanoservices) shows the benefit; it names only monolith');
    expect(() => decideVerdict({ ...base, because: '  ' })).toThrow('needs a because-sentence');
    const long = Array.from({ length: becauseWordLimit + 1 }, (_, i) => `w${i}`).join(' ');
    expect(() => decideVerdict({ ...base, because: long })).toThrow(`at most ${becauseWordLimit} words; this one has ${becauseWordLimit + 1}`);
  });
});

describe('wordCount', () => {
  it('counts figures and units as words and ignores extra spaces', () => {
    expect(wordCount('each hop costs 118 µs,  1.39× raw node:http')).toBe(8);
    expect(wordCount('')).toBe(0);
  });
});
