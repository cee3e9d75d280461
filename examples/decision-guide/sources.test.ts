import { describe, expect, it } from 'vitest';
import { assumed, judgement } from './assumptions.ts';
import { registryCitation, sources } from './sources.ts';

describe('the decision guide’s sources and assumptions', () => {
  it('takes a source the claims already cite from the registry, and says so when none does', () => {
    expect(registryCitation('https://martinfowler.com/bliki/MonolithFirst.html')).toMatchObject({ author: 'Martin Fowler', title: 'MonolithFirst' });
    expect(() => registryCitation('https://example.com/not-cited')).toThrow('no claim in examples/claims/registry.ts cites https://example.com/not-cited');
  });

  it('cites the people side: Conway, Team Topologies and the microservice prerequisites', () => {
    expect(sources.conway).toMatchObject({ author: 'Melvin E. Conway', year: 1968 });
    expect(sources.teamTopologies).toMatchObject({ author: 'Matthew Skelton and Manuel Pais', year: 2019 });
    expect(sources.microservicePrerequisites.url).toBe('https://martinfowler.com/bliki/MicroservicePrerequisites.html');
  });

  it('gives every source a well-formed https address', () => {
    for (const source of Object.values(sources)) expect(new URL(source.url).protocol).toBe('https:');
  });

  it('says what every assumed or judged value is and what it rests on', () => {
    for (const value of [...Object.values(assumed), ...Object.values(judgement)]) {
      expect(value.what.length).toBeGreaterThan(20);
      expect(value.basis.length).toBeGreaterThan(20);
    }
    // Judgement says so, so that no threshold passes for a measurement.
    for (const value of Object.values(judgement)) if (value.sources.length > 0) expect(value.basis).toMatch(/^Judgement/);
  });
});
