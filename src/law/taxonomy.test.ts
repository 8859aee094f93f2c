import { describe, expect, it } from 'vitest';
import { APPLICANT_KINDS, isOrganisation } from './applicant-kinds.ts';
import { OUTCOME_CODES, OUTCOMES } from './outcomes.ts';
import {
  ARTICLE20_ITEMS, ARTICLE20_LABELS, ARTICLE21_INFO, CHANNEL_LABELS, CHANNELS, REPLY_TYPE_INFO, REPLY_TYPES, channelFromLabel,
  receiptRule, replyTypesOf,
} from './taxonomy.ts';

describe('分类：唯一来源', () => {
  it('办理结果：二十一个代码，每个都有名称和依据', () => {
    expect(OUTCOME_CODES).toHaveLength(21);
    expect(Object.keys(OUTCOMES).sort()).toEqual([...OUTCOME_CODES].sort());
  });
  it('申请人类型：自然人和五类法人或其他组织（第二十七条）', () => {
    expect(APPLICANT_KINDS).toHaveLength(6);
    expect(APPLICANT_KINDS.filter(isOrganisation)).toHaveLength(5);
  });
  it('第三十六条七种答复，每种都映射到表三的办理结果', () => {
    expect(REPLY_TYPES).toHaveLength(7);
    for (const t of REPLY_TYPES) {
      expect(REPLY_TYPE_INFO[t].outcomes.length).toBeGreaterThan(0);
      for (const o of REPLY_TYPE_INFO[t].outcomes) expect(OUTCOME_CODES).toContain(o);
    }
    expect(REPLY_TYPE_INFO.notDisclosed.outcomes).toHaveLength(8);
    expect(replyTypesOf('notProcessed.duplicate')).toEqual(['repeated']);
    expect(replyTypesOf('otherDisposal.noCorrection')).toEqual([]);
  });
  it('第二十条十五项', () => {
    expect(ARTICLE20_ITEMS).toHaveLength(15);
    expect(ARTICLE20_LABELS.other).toMatch(/^（十五）/);
  });
  it('第二十一条：law.md 引用的四项标为已核实', () => {
    const verified = Object.values(ARTICLE21_INFO).filter((i) => i.verified).map((i) => i.label);
    expect(verified.sort()).toEqual(['市政建设', '土地征收', '房屋征收', '社会救助'].sort());
  });
  it('渠道：中文名与代码互通，每种渠道都有收到日规则', () => {
    for (const c of CHANNELS) {
      expect(channelFromLabel(CHANNEL_LABELS[c])).toBe(c);
      expect(receiptRule(c)).toMatch(/第三十一条/);
    }
    expect(channelFromLabel('电话')).toBeUndefined();
  });
});
