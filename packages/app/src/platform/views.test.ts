// Templates are read and compiled once, at start: rendering a page reads no file and compiles
// nothing; a broken template stops the start, naming its file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createViews, formatDate, formatDateTime, readTemplates, templateFolders } from './views.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('views', () => {
  it('compiles every template at start, ours and the NHS.UK frontend’s', () => {
    const views = createViews();
    const names = [...readTemplates(templateFolders).entries()].filter(([key, source]) => key !== source.path).map(([name]) => name);
    expect(names).toContain('error-404.njk');
    expect(names).toContain('feedback/views/story.njk');
    expect(names).toContain('nhsuk/components/button/macro.njk');
    expect(views.templateCount).toBeGreaterThanOrEqual(names.length);
  });

  it('renders a page without reading a file or compiling a template', () => {
    const views = createViews();
    const readFile = vi.spyOn(fs, 'readFileSync');
    const compile = vi.spyOn(nunjucks.Template.prototype as unknown as { _compile: () => void }, '_compile');
    const html = views.render('error-404.njk', { title: 'Page not found', heading: 'Page not found', message: 'Not here', errors: {}, errorList: [] });
    expect(html).toContain('Page not found');
    expect(html).toContain('nhsuk-header');
    expect(readFile).not.toHaveBeenCalled();
    expect(compile).not.toHaveBeenCalled();
  });

  it('is made once per process and shared by every server built in it', () => {
    expect(createViews()).toBe(createViews());
  });

  it('stops at start on a template that does not compile, naming it', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-views-'));
    try {
      fs.writeFileSync(path.join(folder, 'good.njk'), '<p>{{ greeting }}</p>');
      fs.writeFileSync(path.join(folder, 'broken.njk'), '{% if %}');
      expect(() => createViews([folder])).toThrow(/broken\.njk/);
      fs.rmSync(path.join(folder, 'broken.njk'));
      expect(createViews([folder]).render('good.njk', { greeting: 'Hello' })).toBe('<p>Hello</p>');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('dates on pages', () => {
  it('reads as before, in London time either side of the clock changes', () => {
    const options = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' } as const;
    for (const iso of ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-07-04T23:30:00Z', '2026-10-25T00:59:00Z', '2026-12-31T23:59:59Z']) {
      const date = new Date(iso);
      expect(formatDate(date)).toBe(date.toLocaleDateString('en-GB', options));
      expect(formatDate(iso)).toBe(date.toLocaleDateString('en-GB', options));
      expect(formatDateTime(date)).toBe(date.toLocaleString('en-GB', { ...options, hour: '2-digit', minute: '2-digit' }));
    }
    expect(formatDate('2026-03-01')).toBe('1 March 2026');
    expect(formatDateTime(new Date('2026-07-04T23:30:00Z'))).toBe('5 July 2026 at 00:30');
    expect(formatDate(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
  });
});
