import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const contributing = read('CONTRIBUTING.md');
const template = read('.github/PULL_REQUEST_TEMPLATE.md');

/** The bold questions of CONTRIBUTING's review checklist, e.g. "Could the tests fail?". */
function checklistQuestions(text: string): string[] {
  const start = text.indexOf('## Review checklist for an honest verdict');
  if (start < 0) return [];
  const section = text.slice(start).split(/\n## /)[0] ?? '';
  return [...section.matchAll(/^- \*\*(.+?)\*\*/gm)].map((match) => match[1] as string);
}

// The template is CONTRIBUTING's checklist as boxes to tick: this keeps the two from drifting.
describe('the pull-request template', () => {
  it('asks every question of CONTRIBUTING’s review checklist', () => {
    const questions = checklistQuestions(contributing);
    expect(questions.length).toBeGreaterThanOrEqual(5);
    for (const question of questions) expect(template, `the template lacks "${question}"`).toContain(`- [ ] **${question}**`);
  });

  it('names the commands and files of CONTRIBUTING’s steps', () => {
    for (const step of ['npm run check -- <claim-id>', 'npm run evidence -- <claim-id>', 'keyFigure', '"citations"', 'npm test']) {
      expect(contributing, `CONTRIBUTING.md no longer mentions ${step}`).toContain(step.replace('<claim-id>', '<id>'));
      expect(template).toContain(step);
    }
  });
});
