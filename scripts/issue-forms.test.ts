import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repository, siteAddress } from '../src/site-address.ts';

// GitHub's issue-form schema, the parts a mistake would break: GitHub shows a form with a bad item
// as a blank issue, or not at all, and says nothing to the person who opens it.
const folder = new URL('../.github/ISSUE_TEMPLATE/', import.meta.url);
const read = (file: string) => parse(readFileSync(new URL(file, folder), 'utf8')) as Record<string, unknown>;
const formFiles = readdirSync(folder).filter((file) => /\.ya?ml$/.test(file) && !/^config\.ya?ml$/.test(file)).sort();
const fieldTypes = ['input', 'textarea', 'dropdown', 'checkboxes'];
const topLevelKeys = ['name', 'description', 'title', 'labels', 'assignees', 'projects', 'type', 'body'];

interface Item {
  readonly type?: unknown;
  readonly id?: unknown;
  readonly attributes?: { readonly label?: unknown; readonly value?: unknown; readonly options?: unknown };
  readonly validations?: { readonly required?: unknown };
}

/** What is wrong with a form, one message per mistake: empty for a valid form. */
function formProblems(form: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of ['name', 'description']) if (typeof form[key] !== 'string' || !(form[key] as string).trim()) problems.push(`${key} must be a non-empty string`);
  for (const key of Object.keys(form)) if (!topLevelKeys.includes(key)) problems.push(`unknown top-level key ${key}`);
  const body = form.body;
  if (!Array.isArray(body) || body.length === 0) return [...problems, 'body must be a non-empty list'];
  const ids = new Set<string>();
  for (const [index, item] of (body as Item[]).entries()) {
    const at = `body[${index}]`;
    if (item.type === 'markdown') {
      if (typeof item.attributes?.value !== 'string') problems.push(`${at}: a markdown item needs attributes.value`);
      if (item.validations) problems.push(`${at}: a markdown item takes no validations`);
      continue;
    }
    if (!fieldTypes.includes(String(item.type))) {
      problems.push(`${at}: type ${String(item.type)} is not one of markdown, ${fieldTypes.join(', ')}`);
      continue;
    }
    if (typeof item.id !== 'string' || !/^[a-z0-9_-]+$/.test(item.id)) problems.push(`${at}: needs an id of lowercase letters, digits, - and _`);
    else if (ids.has(item.id)) problems.push(`${at}: id ${item.id} is used twice`);
    else ids.add(item.id);
    if (typeof item.attributes?.label !== 'string' || !item.attributes.label.trim()) problems.push(`${at}: needs attributes.label`);
    const options = item.attributes?.options;
    if (item.type === 'dropdown' && (!Array.isArray(options) || options.length === 0 || options.some((option) => typeof option !== 'string'))) problems.push(`${at}: a dropdown needs a list of options`);
    if (item.type === 'checkboxes' && (!Array.isArray(options) || options.length === 0 || options.some((option) => typeof option?.label !== 'string'))) problems.push(`${at}: checkboxes need options with a label`);
    if (item.validations !== undefined && typeof item.validations.required !== 'boolean') problems.push(`${at}: validations.required must be true or false`);
  }
  if (ids.size === 0) problems.push('body has no field to fill in');
  return problems;
}

const requiredIds = (form: Record<string, unknown>) => (form.body as Item[]).filter((item) => item.validations?.required === true).map((item) => item.id);

describe('the issue forms', () => {
  it('are the three the contributors expect', () => {
    expect(formFiles).toEqual(['bug.yml', 'dispute-a-verdict.yml', 'propose-a-claim.yml']);
  });

  it.each(formFiles)('%s follows the issue-form schema', (file) => {
    expect(formProblems(read(file))).toEqual([]);
  });

  it('finds the mistakes it checks for, so that a passing form means something', () => {
    const broken = {
      name: 'Broken',
      description: '',
      labels: [],
      extra: true,
      body: [
        { type: 'markdown', attributes: {}, validations: { required: true } },
        { type: 'input', id: 'Claim Id', attributes: { label: 'Claim' } },
        { type: 'textarea', id: 'same', attributes: { label: 'One' } },
        { type: 'textarea', id: 'same', attributes: {} },
        { type: 'dropdown', id: 'pick', attributes: { label: 'Pick', options: [] } },
        { type: 'checkboxes', id: 'tick', attributes: { label: 'Tick', options: ['no label'] } },
        { type: 'slider', id: 'x', attributes: { label: 'x' } },
        { type: 'input', id: 'flag', attributes: { label: 'Flag' }, validations: { required: 'yes' } },
      ],
    };
    expect(formProblems(broken)).toEqual([
      'description must be a non-empty string',
      'unknown top-level key extra',
      'body[0]: a markdown item needs attributes.value',
      'body[0]: a markdown item takes no validations',
      'body[1]: needs an id of lowercase letters, digits, - and _',
      'body[3]: id same is used twice',
      'body[3]: needs attributes.label',
      'body[4]: a dropdown needs a list of options',
      'body[5]: checkboxes need options with a label',
      'body[6]: type slider is not one of markdown, input, textarea, dropdown, checkboxes',
      'body[7]: validations.required must be true or false',
    ]);
    expect(formProblems({ name: 'x', description: 'y', body: [] })).toEqual(['body must be a non-empty list']);
  });

  it('a proposed claim states its words, its source, the experiment that would test it and its architecture', () => {
    expect(requiredIds(read('propose-a-claim.yml'))).toEqual(expect.arrayContaining(['claim', 'source', 'experiment', 'architecture']));
  });

  it('a disputed verdict names the claim and its evidence file, and gives the contradicting run: command, output, machine', () => {
    const form = read('dispute-a-verdict.yml');
    expect(requiredIds(form)).toEqual(expect.arrayContaining(['claim', 'evidence', 'command', 'output', 'stamp']));
    expect(JSON.stringify(form)).toContain('evidence/<claim-id>.json');
  });

  it('config.yml turns blank issues off and links to pages of the site at its address', () => {
    const config = read('config.yml') as { blank_issues_enabled: unknown; contact_links: Array<{ name: string; url: string; about: string }> };
    expect(config.blank_issues_enabled).toBe(false);
    const { url, baseUrl } = siteAddress(repository, {});
    expect(config.contact_links.length).toBeGreaterThan(0);
    for (const link of config.contact_links) {
      expect(link.name.trim() && link.about.trim()).toBeTruthy();
      expect(link.url.startsWith(`${url}${baseUrl}docs/`), `${link.url} is not a page of ${url}${baseUrl}`).toBe(true);
    }
  });
});
