import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusDir } from '../../../test/support/corpus.ts';
import { describe, expect, it } from 'vitest';
import { detectForm, importReport, ReportReadError } from './index.ts';

const load = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(corpusDir, name)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectForm', () => {
  it.each([
    ['a.pdf', '%PDF-1.7 …', 'pdf'],
    ['renamed.txt', '%PDF-1.4', 'pdf'],
    ['a.html', '<!DOCTYPE html><html>', 'html'],
    ['page.txt', '<html><body><table>', 'html'],
    ['bom.html', '\ufeff \r\n<p>正文', 'html'],
    ['saved.html', ' \ufeff{"format": "2021", "table3": {}}', 'json'],
    ['plain.html', '一、总体情况', 'html'],
    ['a.json', '{"agency": null}', 'json'],
    ['a.md', '正文', 'markdown'],
    ['noext', '| a | b |\n|---|---|\n| 1 | 2 |', 'markdown'],
    ['a.txt', '一、总体情况', 'text'],
  ])('%s', (name, content, form) => {
    expect(detectForm({ name, bytes: utf8(content) })).toBe(form);
  });

  it('tells a Word document from a workbook by the zip part names', () => {
    expect(detectForm({ name: 'x.bin', bytes: utf8('PK\u0003\u0004....word/document.xml') })).toBe('docx');
    expect(detectForm({ name: 'x.bin', bytes: utf8('PK\u0003\u0004....xl/workbook.xml') })).toBe('xlsx');
  });
});

describe('importReport', () => {
  it('reads canonical JSON through parseCanonicalReport', async () => {
    const { report, sourceKind } = await importReport({ name: 'seed.json', bytes: load('seed-taiping-wenlv-2023.truth.json') });
    expect(sourceKind).toBe('json');
    expect(report.agency).toBe('阜新市太平区文化旅游和广播电视局');
  });

  it('rejects JSON that is not a canonical report, listing the problems in Chinese', async () => {
    await expect(importReport({ name: 'bad.json', bytes: utf8('{"table3": 1, "format": "2021"}') })).rejects.toThrow(ReportReadError);
    await expect(importReport({ name: 'broken.json', bytes: utf8('{"table3": ') })).rejects.toThrow(/不是有效的 JSON/);
  });

  it('throws ReportReadError (Chinese) when nothing of a report is found', async () => {
    await expect(importReport({ name: 'note.txt', bytes: utf8('会议通知：明天上午九点开会。') })).rejects.toThrow(/没有找到政府信息公开工作年度报告/);
    await expect(importReport({ name: 'empty.txt', bytes: new Uint8Array() })).rejects.toThrow(/空/);
  });

  it('wraps a reader failure in ReportReadError', async () => {
    await expect(importReport({ name: 'x.pdf', bytes: utf8('%PDF-1.7 garbage') })).rejects.toBeInstanceOf(ReportReadError);
  });

  it('reports the source kind of each reader', async () => {
    expect((await importReport({ name: 'pingtan-2023.txt', bytes: load('pingtan-2023.txt') })).sourceKind).toBe('crawler-text');
    expect((await importReport({ name: 'k.md', bytes: load('shanghai-kewei-2024.md') })).sourceKind).toBe('markdown');
  });
});
