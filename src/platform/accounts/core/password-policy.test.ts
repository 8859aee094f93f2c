import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY, MAX_PASSWORD_LENGTH, checkPassword, type PasswordPolicy } from './password-policy.ts';

const COMMON: ReadonlySet<string> = new Set(['password', 'iloveyou', 'woaini1314', 'dragon', 'abc', 'p@ssw0rd']);
const CONTEXT = { username: 'zhangsan', name: '张三' };
const ONLY_LENGTH: PasswordPolicy = { minLength: 10, forbidUsername: false, forbidCommon: false };

const TOO_SHORT = (n: number, min = 10): string => `密码太短：至少 ${min} 个字符，现在是 ${n} 个`;
const COMMON_MESSAGE = '密码是常见密码，很容易被猜中：请换一个';
const COMMON_APPENDED = '密码是常见密码后面加上数字或符号，很容易被猜中：请换一个';
const REPEATED = '密码只是重复的字符（如 aaaaaaaaaa、1212121212），很容易被猜中：请换一个';
const SEQUENCE = '密码只是连续的数字、字母或键盘按键（如 1234567890、abcdefghij、qwertyuiop），很容易被猜中：请换一个';

const check = (password: string, context: { username: string; name?: string } = CONTEXT, policy = DEFAULT_PASSWORD_POLICY): string[] =>
  checkPassword(password, context, policy, COMMON);

describe('DEFAULT_PASSWORD_POLICY', () => {
  it('is 10 characters, no username, no common passwords', () => {
    expect(DEFAULT_PASSWORD_POLICY).toEqual({ minLength: 10, forbidUsername: true, forbidCommon: true });
    expect(MAX_PASSWORD_LENGTH).toBe(256);
  });
});

describe('checkPassword：可以接受的密码', () => {
  it.each([
    ['随机字母数字', 'Xk7pQ2mZr9'],
    ['一句话', 'correct horse battery staple'],
    ['汉字密码（按码点计 10 个）', '春眠不觉晓处处闻啼鸟'],
    ['含表情（码点计数）', 'mango🥭tree🌳'],
    ['常见词夹在中间不算', 'mydragonboat'],
    ['短核心加随机数字', 'ab73920184'],
    ['名字的一个字', '张zhengfu2024'],
    ['3 字用户名在密码中', 'Kite-river-42'],
    ['正好 256 个字符', 'Xk7pQ2mZr9'.repeat(25) + 'Xk7pQ2'],
  ])('%s', (_scenario, password) => {
    expect(check(password, { username: 'kit', name: '张三' })).toEqual([]);
  });
});

describe('checkPassword：长度', () => {
  it.each([
    ['空', '', 0],
    ['9 个字符', 'Xk7pQ2mZr', 9],
    ['汉字按码点计', '春眠不觉晓', 5],
    ['表情按码点计（不是 UTF-16 单元）', '🥭🥭🌳🌳x', 5],
  ])('too short: %s', (_scenario, password, n) => {
    expect(checkPassword(password, CONTEXT, ONLY_LENGTH, COMMON)).toEqual([TOO_SHORT(n)]);
  });

  it('uses the policy’s minimum', () => {
    const policy = { ...ONLY_LENGTH, minLength: 14 };
    expect(checkPassword('Xk7pQ2mZr9ab', CONTEXT, policy, COMMON)).toEqual([TOO_SHORT(12, 14)]);
    expect(checkPassword('Xk7pQ2mZr9abcd', CONTEXT, policy, COMMON)).toEqual([]);
  });

  it.each([
    ['257 个字符', 'Xk7pQ2mZr9'.repeat(25) + 'Xk7pQ2m', 257],
    ['257 个表情（514 个 UTF-16 单元）', '🥭'.repeat(257), 257],
    ['很长的常见密码只报长度', 'password'.repeat(100), 800],
  ])('too long, reported alone: %s', (_scenario, password, n) => {
    expect(check(password)).toEqual([`密码太长：最多 256 个字符，现在是 ${n} 个`]);
  });

  it('256 emoji are accepted by length (code points, not UTF-16 units)', () => {
    expect(checkPassword('🥭🌳'.repeat(128), CONTEXT, ONLY_LENGTH, COMMON)).toEqual([]);
  });
});

describe('checkPassword：用户名和姓名', () => {
  it.each([
    ['等于用户名', 'zhangsan99', { username: 'zhangsan99' }, ['密码不能与用户名相同']],
    ['等于用户名（大小写不同）', 'ZhangSan99', { username: 'zhangsan99' }, ['密码不能与用户名相同']],
    ['短用户名：等于也拒绝', 'wu', { username: 'Wu' }, [TOO_SHORT(2), '密码不能与用户名相同']],
    ['包含用户名', 'zhangsan-2024-x', { username: 'zhangsan' }, ['密码不能包含用户名']],
    ['包含用户名（大小写不同）', 'MyZhangSan!!x', { username: 'zhangsan' }, ['密码不能包含用户名']],
    ['4 个字符的用户名在密码中', 'xx-liwu-yyyy', { username: 'liwu' }, ['密码不能包含用户名']],
    ['3 个字符的用户名在密码中：允许', 'xx-wuj-yyyy', { username: 'wuj' }, []],
    ['用户名前后空白不算', 'zhangsan-2024-x', { username: ' zhangsan ' }, ['密码不能包含用户名']],
    ['等于姓名', '欧阳春晓欧阳春晓欧阳春', { username: 'oy', name: '欧阳春晓欧阳春晓欧阳春' }, ['密码不能与姓名相同']],
    ['包含姓名（两个汉字）', '张三的密码Xk7pQ2', { username: 'zs01', name: '张三' }, ['密码不能包含姓名']],
    ['包含姓名（拼音、去掉空格、大小写不同）', 'LiWei-Xk7pQ2', { username: 'lw01', name: 'Li Wei' }, ['密码不能包含姓名']],
    ['一个字的姓名在密码中：允许', '张Xk7pQ2mZr9', { username: 'zs01', name: '张' }, []],
    ['用户名和姓名都在', 'zhangsan张三Xk7', { username: 'zhangsan', name: '张三' }, ['密码不能包含用户名', '密码不能包含姓名']],
    ['姓名与用户名相同只报一次', 'zhangsan-2024-x', { username: 'zhangsan', name: 'ZhangSan' }, ['密码不能包含用户名']],
    ['姓名为空', 'Xk7pQ2mZr9', { username: 'zhangsan', name: '  ' }, []],
  ])('%s', (_scenario, password, context, problems) => {
    expect(checkPassword(password, context, { ...DEFAULT_PASSWORD_POLICY, forbidCommon: false }, COMMON)).toEqual(problems);
  });

  it('is off when the policy says so', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, forbidUsername: false };
    expect(checkPassword('zhangsan-2024-x', CONTEXT, policy, COMMON)).toEqual([]);
  });
});

describe('checkPassword：常见密码', () => {
  it.each([
    ['在列表中', 'woaini1314', [COMMON_MESSAGE]],
    ['在列表中（大小写不同）', 'WoAiNi1314', [COMMON_MESSAGE]],
    ['在列表中（符号替换，列表已有）', 'P@ssw0rd!!', [COMMON_APPENDED]],
    ['常见密码后加数字', 'Password2024', [COMMON_APPENDED]],
    ['常见密码后加数字和符号', 'iloveyou123!@#', [COMMON_APPENDED]],
    ['常见密码后加空格和数字', 'dragon 123456', [COMMON_APPENDED]],
    ['重复的字符', 'aaaaaaaaaa', [REPEATED]],
    ['重复的数字', '0000000000', [REPEATED]],
    ['重复的两个字符', '1212121212', [REPEATED]],
    ['重复的三个字符', 'abcabcabcabc', [REPEATED]],
    ['重复的汉字', '哈哈哈哈哈哈哈哈哈哈', [REPEATED]],
    ['重复字符后加符号', 'aaaaaaaaaa!', [REPEATED]],
    ['重复字符后加数字', 'zzzzzzzz2024', [REPEATED]],
    ['数字序列', '1234567890', [SEQUENCE]],
    ['数字序列从 0 开始', '0123456789', [SEQUENCE]],
    ['倒序数字', '9876543210', [SEQUENCE]],
    ['数字序列后加符号', '1234567890!', [SEQUENCE]],
    ['键盘第一行', 'qwertyuiop', [SEQUENCE]],
    ['键盘第一行（大写）', 'QWERTYUIOP', [SEQUENCE]],
    ['键盘两行连着', 'qwertyuiopasd', [SEQUENCE]],
    ['字母表', 'abcdefghijk', [SEQUENCE]],
    ['倒序字母表', 'zyxwvutsrqp', [SEQUENCE]],
    ['键盘符号行', '!@#$%^&*()', [SEQUENCE]],
    ['键盘序列后加数字', 'asdfghjkl123', [SEQUENCE]],
  ])('%s：%s', (_scenario, password, problems) => {
    expect(check(password, { username: 'kit' })).toEqual(problems);
  });

  it.each([
    ['前面加数字不算（只看末尾）', '2024password'],
    ['常见词在中间', 'mypasswordismine'],
    ['短核心（3 字符）加数字', 'abc83920174'],
    ['序列中间断开', '1234567809'],
    ['四个字符重复', 'abcdabcdabcd'],
  ])('not refused: %s', (_scenario, password) => {
    expect(check(password, { username: 'kit' })).toEqual([]);
  });

  it('reports length and common together', () => {
    expect(check('password', { username: 'kit' })).toEqual([TOO_SHORT(8), COMMON_MESSAGE]);
    expect(check('', { username: 'kit' })).toEqual([TOO_SHORT(0)]);
  });

  it('is off when the policy says so', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, forbidCommon: false };
    expect(checkPassword('1234567890', CONTEXT, policy, COMMON)).toEqual([]);
    expect(checkPassword('woaini1314', CONTEXT, policy, COMMON)).toEqual([]);
  });

  it('reports every rule a password breaks', () => {
    expect(check('zhangsan', { username: 'zhangsan' })).toEqual([TOO_SHORT(8), '密码不能与用户名相同']);
    expect(checkPassword('Password1', { username: 'password' }, DEFAULT_PASSWORD_POLICY, COMMON))
      .toEqual([TOO_SHORT(9), '密码不能包含用户名', COMMON_APPENDED]);
  });
});
