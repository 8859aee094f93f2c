/**
 * The catalog's settings (issue 18 §1, §2): an agency's 索引号 pattern and sensitive words (its
 * 机关管理员, 'agency.profile'), and the deployment's sensitive words (a 系统管理员). A pattern is
 * checked (core/index-number.ts) before it is stored; it applies to items drafted from then on (a
 * 索引号 once given never changes). Every change is audited.
 */
import { can } from '../platform/accounts/core/roles.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ForbiddenError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { DEFAULT_INDEX_PATTERN, parseIndexPattern } from './core/index-number.ts';
import { parseWordList } from './core/sensitive-words.ts';
import { invalid } from './input.ts';
import * as store from './store.ts';

/** An agency's settings as the settings page shows them. */
export interface CatalogSettings {
  agencyId: number;
  /** The pattern set, or null for the default. */
  indexPattern: string | null;
  defaultPattern: string;
  words: string[];
  deploymentWords: string[];
}

function requireProfile(acting: Acting, agencyId: number): void {
  if (acting.grants !== null && !can(acting.grants, 'agency.profile', agencyId)) {
    throw new ForbiddenError('catalog.needs_profile', '修改索引号格式和敏感词需要本机关的机关管理员角色。');
  }
}

/** An agency's settings. */
export async function getSettings(services: Services, acting: Acting, agencyId: number): Promise<CatalogSettings> {
  requireProfile(acting, agencyId);
  const [indexPattern, words, deploymentWords] = await Promise.all([
    store.getIndexPattern(services.db, agencyId), store.listSensitiveWords(services.db, agencyId), store.listSensitiveWords(services.db, null),
  ]);
  return { agencyId, indexPattern, defaultPattern: DEFAULT_INDEX_PATTERN, words, deploymentWords };
}

/** Saves an agency's 索引号 pattern and sensitive words (a blank pattern: the default). */
export async function saveSettings(services: Services, acting: Acting, agencyId: number, input: { indexPattern: string; words: string }): Promise<void> {
  requireProfile(acting, agencyId);
  const typed = input.indexPattern.trim();
  const pattern = typed === '' || typed === DEFAULT_INDEX_PATTERN ? null : typed;
  const problems = [];
  if (pattern !== null) {
    const parsed = parseIndexPattern(pattern);
    if (!parsed.ok) problems.push({ field: 'indexPattern', message: `索引号格式：${parsed.message}` });
  }
  const list = parseWordList(input.words);
  if (list.problems.length > 0) problems.push({ field: 'words', message: `敏感词：${list.problems.join('；')}` });
  if (problems.length > 0) throw invalid(problems);
  await withTransaction(services.db, async (tx) => {
    const before = { indexPattern: await store.getIndexPattern(tx, agencyId), words: await store.listSensitiveWords(tx, agencyId) };
    await store.setIndexPattern(tx, agencyId, pattern);
    await store.replaceSensitiveWords(tx, agencyId, list.words);
    await writeAudit(tx, {
      actor: acting.actor, action: 'catalog.settings', subject: `agency:${agencyId}`, agencyId, ip: acting.ip,
      details: { before: { indexPattern: before.indexPattern, words: before.words.length }, after: { indexPattern: pattern, words: list.words.length } },
    });
  });
}

/** The deployment's sensitive words (every agency's items are checked against them). */
export async function getDeploymentWords(services: Services): Promise<string[]> {
  return store.listSensitiveWords(services.db, null);
}

/** Replaces the deployment's sensitive words (a 系统管理员, or the command line). */
export async function saveDeploymentWords(services: Services, acting: Acting, words: string): Promise<void> {
  if (acting.grants !== null && !can(acting.grants, 'deployment.admin', null)) {
    throw new ForbiddenError('catalog.needs_admin', '全系统的敏感词由系统管理员维护。');
  }
  const list = parseWordList(words);
  if (list.problems.length > 0) throw invalid([{ field: 'words', message: `敏感词：${list.problems.join('；')}` }]);
  await withTransaction(services.db, async (tx) => {
    const before = (await store.listSensitiveWords(tx, null)).length;
    await store.replaceSensitiveWords(tx, null, list.words);
    await writeAudit(tx, { actor: acting.actor, action: 'catalog.deployment_words', subject: 'deployment', ip: acting.ip, details: { before, after: list.words.length } });
  });
}
