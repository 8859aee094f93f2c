import { describe, expect, it } from 'vitest';
import { inferAgencyKind } from './agency-kinds.ts';

describe('inferAgencyKind：报告未注明机关类型时按名称推定', () => {
  it.each([
    ['区人民政府', '淮安市洪泽区人民政府', 'government'],
    ['综合实验区（地区本身的报告）', '平潭综合实验区', 'government'],
    ['综合实验区管委会', '平潭综合实验区管委会', 'government'],
    ['园区管理委员会', '苏州工业园区管理委员会', 'government'],
    ['直辖市（地区本身的报告）', '上海市', 'government'],
    ['市辖区（地区本身的报告）', '北京市海淀区', 'government'],
    ['县（地区本身的报告）', '沭阳县', 'government'],
    ['名称中有空格', '淮安市洪泽区 人民政府', 'government'],
    ['县级以上人民政府部门', '沭阳县发展和改革局', 'department'],
    ['人民政府办公厅是部门', '上海市人民政府办公厅', 'department'],
    ['管委会办公室是部门', '平潭综合实验区管委会办公室', 'department'],
    ['实验区的局是部门', '平潭综合实验区公安局', 'department'],
    ['镇人民政府在县级以下，按部门的期限', '沭阳县沭城镇人民政府', 'department'],
    ['乡人民政府在县级以下', '某某乡人民政府', 'department'],
    ['街道办事处在县级以下', '洪泽区高良涧街道办事处', 'department'],
    ['未注明机关', null, 'department'],
  ] as const)('%s：%s → %s', (_scenario, name, kind) => {
    expect(inferAgencyKind(name)).toBe(kind);
  });
});
