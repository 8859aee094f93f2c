import { describe, expect, it } from 'vitest';
import { jsonErrorLine } from './json-error.ts';

describe('jsonErrorLine', () => {
  it('one problem: {"error":{"field","message"}} on one line', () => {
    expect(jsonErrorLine([{ field: 'events[0].date', message: '应为日期' }])).toBe('{"error":{"field":"events[0].date","message":"应为日期"}}\n');
  });

  it('several: the first as field and message, every one in details', () => {
    const line = jsonErrorLine([{ field: 'a', message: '一' }, { field: null, message: '二' }]);
    expect(JSON.parse(line)).toEqual({
      error: { field: 'a', message: '一', details: [{ field: 'a', message: '一' }, { field: null, message: '二' }] },
    });
  });
});
