import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../files/evidence.ts';
import { EvidenceFormatError, evidenceFileProblems, evidenceJsonSchema, parseEvidenceFile } from './evidence-schema.ts';

const evidenceDir = path.join(repoRoot, 'evidence');
const committed = readdirSync(evidenceDir).filter((name) => name.endsWith('.json'));
const textOf = (name: string) => readFileSync(path.join(evidenceDir, name), 'utf8');

// zod's JSON Schema puts a pattern beside "format": "date-time", and the pattern is what checks the
// date here: ajv is told the format exists rather than given a second implementation of it. Any
// other format would still stop the compile.
const validateJson = new Ajv2020({ allErrors: true, formats: { 'date-time': true } }).compile(evidenceJsonSchema());

/** Marks a field to delete in `changed`. */
const removed = Symbol('removed');

/** nano-chaining's evidence with the field at `at` set to `value` (or deleted); `at` empty replaces the whole file. */
function changed(at: ReadonlyArray<string | number>, value: unknown): unknown {
  if (at.length === 0) return value;
  const evidence: unknown = JSON.parse(textOf('nano-chaining.json'));
  let parent = evidence as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at[at.length - 1] as string | number;
  if (value === removed) delete parent[last];
  else parent[last] = value;
  return evidence;
}

// Each breaks one rule of the format; the zod schema and the JSON Schema made from it must both refuse it.
const malformed: ReadonlyArray<{ readonly name: string; readonly at: ReadonlyArray<string | number>; readonly value: unknown; readonly field: string }> = [
  { name: 'cores as text', at: ['stamp', 'cores'], value: 'two', field: 'stamp.cores' },
  { name: 'cores not whole', at: ['stamp', 'cores'], value: 1.5, field: 'stamp.cores' },
  { name: 'a short source hash', at: ['stamp', 'sourceHash'], value: 'abc123', field: 'stamp.sourceHash' },
  { name: 'a date that is not ISO 8601', at: ['stamp', 'date'], value: '27/11/2026', field: 'stamp.date' },
  { name: 'a branch name for the commit', at: ['stamp', 'commit'], value: 'main', field: 'stamp.commit' },
  { name: 'source files as one string', at: ['stamp', 'sourceFiles'], value: 'examples/lab/model/shapes.ts', field: 'stamp.sourceFiles' },
  { name: 'a source file that is not a path', at: ['stamp', 'sourceFiles', 1], value: 42, field: 'stamp.sourceFiles[1]' },
  { name: 'a field the stamp does not have', at: ['stamp', 'gpu'], value: 'none', field: 'stamp' },
  { name: 'a verdict that does not exist', at: ['verdict', 'verdict'], value: 'maybe', field: 'verdict.verdict' },
  { name: 'no reason for the verdict', at: ['verdict', 'because'], value: removed, field: 'verdict.because' },
  { name: 'an empty title', at: ['title'], value: '', field: 'title' },
  { name: 'parameters as a list', at: ['params'], value: [1, 2], field: 'params' },
  { name: 'no result', at: ['result'], value: removed, field: 'result' },
  { name: 'a top-level field the format does not have', at: ['figures'], value: [], field: '(the file)' },
  { name: 'a list instead of an object', at: [], value: [], field: '(the file)' },
];

describe('the evidence format', () => {
  it('finds the committed evidence files, nano-chaining among them', () => {
    expect(committed).toContain('nano-chaining.json');
  });

  it.for(committed)('accepts the committed %s, with the zod schema and with the published JSON Schema', (name) => {
    expect(evidenceFileProblems(textOf(name), `evidence/${name}`)).toEqual([]);
    expect(validateJson(JSON.parse(textOf(name))), JSON.stringify(validateJson.errors)).toBe(true);
  });

  it.for(malformed)('refuses $name, naming the file and the field, and so does the JSON Schema', ({ at, value, field }) => {
    const text = JSON.stringify(changed(at, value));
    const problems = evidenceFileProblems(text, 'evidence/nano-chaining.json');
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`^evidence/nano-chaining\\.json: ${field.replace(/[.[\]()]/g, '\\$&')}: \\S`));
    expect(validateJson(JSON.parse(text))).toBe(false);
  });

  it('says what is wrong with a field, not only where', () => {
    const text = JSON.stringify(changed(['stamp', 'cores'], 'two'));
    expect(evidenceFileProblems(text, 'evidence/nano-chaining.json')).toEqual(['evidence/nano-chaining.json: stamp.cores: Invalid input: expected number, received string']);
  });

  it('says that a field which must hold JSON, such as the result, is missing', () => {
    expect(evidenceFileProblems(JSON.stringify(changed(['result'], removed)), 'evidence/nano-chaining.json')).toEqual(['evidence/nano-chaining.json: result: Invalid input: expected any JSON value, received undefined']);
  });

  it('lists every problem of a file, not only the first', () => {
    const evidence = changed(['stamp', 'cores'], 'two') as Record<string, unknown>;
    delete evidence.title;
    const text = JSON.stringify(evidence);
    expect(evidenceFileProblems(text, 'evidence/nano-chaining.json').map((problem) => problem.split(': ')[1])).toEqual(['title', 'stamp.cores']);
  });

  it('refuses text that is not JSON, naming the file', () => {
    expect(evidenceFileProblems('{"claim": "nano-chaining",', 'evidence/nano-chaining.json')).toEqual([expect.stringMatching(/^evidence\/nano-chaining\.json: not JSON: /)]);
  });

  it('refuses a file named for another claim than the one it holds', () => {
    expect(evidenceFileProblems(textOf('nano-chaining.json'), 'evidence/micro-redundancy.json')).toEqual([
      'evidence/micro-redundancy.json: claim: "nano-chaining" is not the claim the file is named for ("micro-redundancy")',
    ]);
  });

  it('accepts any JSON as the result: its shape is each experiment’s own', () => {
    for (const result of [null, 0, 'text', [1, [2]], { nested: { list: [true, null] } }]) {
      expect(evidenceFileProblems(JSON.stringify(changed(['result'], result)), 'evidence/nano-chaining.json')).toEqual([]);
    }
  });
});

describe('parseEvidenceFile', () => {
  it('returns the evidence of a file that matches the format', () => {
    const evidence = parseEvidenceFile(textOf('nano-chaining.json'), 'evidence/nano-chaining.json');
    expect(evidence).toEqual(JSON.parse(textOf('nano-chaining.json')));
  });

  it('throws an EvidenceFormatError that lists every problem', () => {
    const text = JSON.stringify(changed(['stamp', 'dirty'], 'yes'));
    expect(() => parseEvidenceFile(text, 'evidence/nano-chaining.json')).toThrow(EvidenceFormatError);
    expect(() => parseEvidenceFile(text, 'evidence/nano-chaining.json')).toThrow(/evidence\/nano-chaining\.json: stamp\.dirty: Invalid input: expected boolean/);
  });
});

describe('evidenceJsonSchema', () => {
  it('is draft 2020-12, and carries the address it is published at when given one', () => {
    const address = 'https://granularity-lab.github.io/granularity-lab/evidence/schema.json';
    expect(evidenceJsonSchema(address)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: address, type: 'object' });
    expect(evidenceJsonSchema()).not.toHaveProperty('$id');
  });

  it('asks for every top-level field of the format and no other', () => {
    const schema = evidenceJsonSchema() as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(['claim', 'title', 'params', 'verdict', 'stamp', 'result']);
    expect(schema.additionalProperties).toBe(false);
  });
});
