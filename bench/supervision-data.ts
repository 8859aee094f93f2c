/**
 * The supervision benchmark's data (issue 19 §9): a generated province — a province government, 16
 * city governments and the departments of all 17 spread evenly (1,000 agencies by default) — with
 * N applications and M catalog items over them, made by PostgreSQL itself (INSERT … SELECT over
 * generate_series, pseudo-random columns from hashint8 of the row number: the same rows on every run),
 * the tables' own indexes dropped while loading and built again after.
 *
 * Cases are received from 2021 to January 2025 (a quarter of them in 2024), 2 % never confirmed, 90 %
 * closed with an outcome of the 2021 template (5 % of those late: 45–70 days after receipt), the others
 * open at the year's end; each closed case has its reply (or withdrawal) event, 3 % paid a fee
 * (feeNoticed + feePaid events), 3 % were appealed (kinds and results spread, a third still pending).
 * Items are formed from 2015 on (95 % published, 3 % withdrawn, 2 % drafts), 规章 1 %, 行政规范性文件 5 %
 * (a fifth of both repealed later), 政策解读 5 %. Every agency has table 二's figures for 2023 and 2024.
 */
import type pg from 'pg';

/** Bump when the generated data changes: a cached database of another version is generated again. */
export const GENERATOR_VERSION = 1;
/** The day the benchmark is "today": after the year drafted (2024), before the governments' due date. */
export const BENCH_TODAY = '2025-02-20';
const CITIES = 16;

/** The generated tree: ids of the province, the cities, everyone (province first). */
export interface Province {
  province: number;
  cities: number[];
  all: number[];
}

/** A pseudo-random number in [0, 1) of row `i` and stream `k` (SQL text). */
const r = (i: string, k: number) => `((hashint8(${i} * 16 + ${k}) & 2147483647)::float8 / 2147483648.0)`;

/** Drops the table's indexes but its constraints'; returns their definitions to build them again. */
async function dropIndexes(pool: pg.Pool, table: string): Promise<string[]> {
  const { rows } = await pool.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)`, [table]);
  for (const index of rows) await pool.query(`DROP INDEX ${index.name}`);
  return rows.map((x) => x.def);
}

/** The agencies: the province government, 16 cities, the departments under all 17 in turn. */
export async function loadAgencies(pool: pg.Pool, agencies: number): Promise<Province> {
  const cities = Math.max(1, Math.min(CITIES, Math.floor((agencies - 1) / 4)));
  const province = Number((await pool.query<{ id: string }>(`INSERT INTO agencies (name, kind) VALUES ('基准省人民政府', 'government') RETURNING id`)).rows[0]!.id);
  const cityIds = (await pool.query<{ id: string }>(
    `INSERT INTO agencies (name, kind, parent_id) SELECT '基准省第' || g || '市人民政府', 'government', $1 FROM generate_series(1, $2) g RETURNING id`,
    [province, cities])).rows.map((x) => Number(x.id));
  const parents = [province, ...cityIds];
  await pool.query(
    `INSERT INTO agencies (name, kind, parent_id)
     SELECT CASE WHEN g % $2 = 0 THEN '基准省' ELSE '基准省第' || (g % $2) || '市' END || '第' || (g / $2 + 1) || '局', 'department', ($1::bigint[])[g % $2 + 1]
       FROM generate_series(0, $3 - 1) g ORDER BY g`,
    [parents, parents.length, agencies - parents.length]);
  const all = (await pool.query<{ id: string }>('SELECT id FROM agencies ORDER BY id')).rows.map((x) => Number(x.id));
  return { province, cities: cityIds, all };
}

/** The applications, their events and appeals. */
export async function loadCases(pool: pg.Pool, ids: readonly number[], n: number, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const dropped = [...await dropIndexes(pool, 'applications'), ...await dropIndexes(pool, 'application_events'), ...await dropIndexes(pool, 'appeals')];
  const client = await pool.connect();
  try {
    await client.query(`SET max_parallel_workers_per_gather = 0; SET work_mem = '256MB'`);
    // The tracking code: i in base 30 over the codes' alphabet, 12 digits in groups of 4.
    const digit = (k: number) => `substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', ((i / ${30 ** k}::bigint) % 30)::int + 1, 1)`;
    const code = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(digit);
    const trackingCode = `${code.slice(0, 4).join(' || ')} || '-' || ${code.slice(4, 8).join(' || ')} || '-' || ${code.slice(8).join(' || ')}`;
    const outcomes = `(ARRAY['granted','granted','granted','granted','granted','granted','partiallyGranted','partiallyGranted','partiallyGranted',
      'denied.stateSecret','denied.prohibitedByLaw','denied.threeSecurityOneStability','denied.thirdPartyRights','denied.internalAffairs',
      'denied.processInformation','denied.enforcementFiles','denied.administrativeQuery','unableToProvide.notHeld','unableToProvide.notHeld',
      'unableToProvide.notHeld','unableToProvide.needsCreation','unableToProvide.unclearAfterCorrection','notProcessed.complaint',
      'notProcessed.duplicate','notProcessed.publication','notProcessed.excessive','notProcessed.confirmation','otherDisposal.noCorrection',
      'otherDisposal.unpaidFee','otherDisposal.other'])[1 + floor(${r('i', 5)} * 30)::int]`;
    await client.query(
      `INSERT INTO applications (agency_id, tracking_code, applicant_kind, applicant_name, description, provision, delivery, channel,
                                 submitted, confirmed, ledger_ref, status, receipt_date, closed_on, outcome, due_on)
       SELECT agency_id, tracking_code, applicant_kind, '申请人' || i, '申请公开第' || i || '号所需的政府信息', 'electronic', 'pickup', channel,
              submitted, CASE WHEN channel = 'inPerson' OR receipt IS NULL THEN NULL ELSE receipt END, NULL,
              CASE WHEN receipt IS NULL THEN 'awaitingConfirmation' WHEN closed IS NULL THEN 'processing' WHEN outcome = 'otherDisposal.other' THEN 'withdrawn' ELSE 'replied' END,
              receipt, closed, CASE WHEN closed IS NULL THEN NULL ELSE outcome END,
              CASE WHEN receipt IS NULL OR outcome = 'otherDisposal.other' AND closed IS NOT NULL THEN NULL ELSE receipt + 28 END
         FROM (
           SELECT i, agency_id, tracking_code, applicant_kind, channel, outcome, receipt, submitted,
                  CASE WHEN receipt IS NOT NULL AND close_at <= $3::date THEN close_at END AS closed
             FROM (
               SELECT i, ($1::bigint[])[1 + (i % $2)] AS agency_id, ${trackingCode} AS tracking_code,
                      (ARRAY['naturalPerson','naturalPerson','naturalPerson','naturalPerson','naturalPerson','naturalPerson','commercial','commercial','research','socialWelfare','legalService','otherOrg'])[1 + floor(${r('i', 1)} * 12)::int] AS applicant_kind,
                      channel, ${outcomes} AS outcome, day AS submitted,
                      CASE WHEN channel <> 'inPerson' AND ${r('i', 3)} < 0.02 THEN NULL WHEN channel = 'inPerson' THEN day ELSE day + floor(${r('i', 4)} * 4)::int END AS receipt,
                      CASE WHEN ${r('i', 6)} >= 0.9 THEN NULL
                           ELSE day + 3 + CASE WHEN ${r('i', 7)} < 0.05 THEN 45 + floor(${r('i', 8)} * 26)::int ELSE floor(${r('i', 8)} * 15)::int END END AS close_at
                 FROM (SELECT i, DATE '2021-01-01' + floor(${r('i', 0)} * 1490)::int AS day,
                              (ARRAY['inPerson','inPerson','inPerson','post','ordinaryLetter','online','online','online','fax','post'])[1 + floor(${r('i', 2)} * 10)::int] AS channel
                         FROM generate_series(0, $4::bigint - 1) i) d
             ) e
         ) f ORDER BY i`,
      [ids, ids.length, BENCH_TODAY, n]);
    log(`  ${n} applications in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // The closing event of each closed case; 3 % of replied cases paid a fee first (notice, payment, reply).
    await client.query(
      `INSERT INTO application_events (application_id, seq, type, date, payload)
       SELECT id, 1, 'feeNoticed', closed_on - 2, jsonb_build_object('amountFen', 100 + (hashint8(id * 16 + 9) & 65535)) FROM applications
        WHERE status = 'replied' AND (hashint8(id * 16 + 10) & 1023) < 31 AND closed_on - 2 >= receipt_date
       UNION ALL
       SELECT id, 2, 'feePaid', closed_on - 1, '{}' FROM applications
        WHERE status = 'replied' AND (hashint8(id * 16 + 10) & 1023) < 31 AND closed_on - 2 >= receipt_date
       UNION ALL
       SELECT id, CASE WHEN (hashint8(id * 16 + 10) & 1023) < 31 AND closed_on - 2 >= receipt_date THEN 3 ELSE 1 END,
              CASE WHEN status = 'withdrawn' THEN 'withdrawn' ELSE 'replied' END, closed_on,
              CASE WHEN status = 'withdrawn' THEN '{}' ELSE jsonb_build_object('outcome', outcome, 'final', true) END
         FROM applications WHERE closed_on IS NOT NULL`);
    await client.query(
      `INSERT INTO appeals (application_id, agency_id, kind, filed_on, decided_on, result)
       SELECT id, agency_id, kind, filed, CASE WHEN filed + decided <= $1::date THEN filed + decided END, CASE WHEN filed + decided <= $1::date THEN result END
         FROM (SELECT id, agency_id, closed_on + 5 + (hashint8(id * 16 + 11) & 63) AS filed,
                      (ARRAY['reconsideration','reconsideration','litigationDirect','litigationAfterReconsideration'])[1 + (hashint8(id * 16 + 12) & 3)] AS kind,
                      (ARRAY['upheld','upheld','corrected','other'])[1 + (hashint8(id * 16 + 13) & 3)] AS result,
                      CASE WHEN (hashint8(id * 16 + 14) & 3) <> 0 THEN 10 + (hashint8(id * 16 + 15) & 255) END AS decided
                 FROM applications WHERE status = 'replied' AND (hashint8(id * 16 + 10) & 1023) BETWEEN 31 AND 61) a
        WHERE filed <= $1::date`, [BENCH_TODAY]);
    log(`  events and appeals in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const def of dropped) await client.query(def);
    log(`  their indexes built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    client.release();
  }
  await pool.query('VACUUM ANALYZE applications');
  await pool.query('VACUUM ANALYZE application_events');
  await pool.query('VACUUM ANALYZE appeals');
}

/** The catalog items and table 二's figures. */
export async function loadItems(pool: pg.Pool, ids: readonly number[], n: number, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const dropped = await dropIndexes(pool, 'catalog_items');
  const client = await pool.connect();
  try {
    await client.query(`SET max_parallel_workers_per_gather = 0; SET work_mem = '256MB'`);
    await client.query(
      `INSERT INTO catalog_items (agency_id, index_no, title, publisher, formed_on, publish_due, published_on, genre, article20_item, status, attribute,
                                  validity, validity_changed_on, doc_no)
       SELECT a.id, 'BENCH-' || lpad(i::text, 8, '0'), genre || '第' || i || '号', a.name, formed, formed + 20,
              CASE WHEN status = 'draft' THEN NULL ELSE published END, genre,
              CASE WHEN genre IN ('规章', '行政规范性文件', '政策解读') THEN 'regulations' ELSE 'other' END, status,
              CASE WHEN status = 'draft' THEN NULL ELSE '主动公开' END,
              CASE WHEN changed IS NULL THEN 'valid' ELSE 'repealed' END, changed,
              CASE WHEN genre IN ('规章', '行政规范性文件') THEN '基准发〔' || extract(year FROM formed) || '〕' || i || '号' END
         FROM (SELECT i, formed, published, genre,
                      CASE WHEN published > $3::date OR ${r('i', 22)} < 0.02 THEN 'draft' WHEN ${r('i', 22)} < 0.05 THEN 'withdrawn' ELSE 'published' END AS status,
                      CASE WHEN genre IN ('规章', '行政规范性文件') AND published <= $3::date AND ${r('i', 23)} < 0.2
                                AND published + 100 + floor(${r('i', 24)} * 2000)::int <= $3::date
                           THEN published + 100 + floor(${r('i', 24)} * 2000)::int END AS changed
                 FROM (SELECT i, formed, formed + floor(${r('i', 21)} * 26)::int AS published,
                              CASE WHEN g < 0.01 THEN '规章' WHEN g < 0.06 THEN '行政规范性文件' WHEN g < 0.11 THEN '政策解读'
                                   WHEN g < 0.5 THEN '通知公告' WHEN g < 0.8 THEN '工作动态' ELSE '其他文件' END AS genre
                         FROM (SELECT i, DATE '2015-01-01' + floor(${r('i', 20)} * 3700)::int AS formed, ${r('i', 25)} AS g
                                 FROM generate_series(0, $4::bigint - 1) i) x) y) t
         JOIN agencies a ON a.id = ($1::bigint[])[1 + (t.i % $2)]
        ORDER BY t.i`,
      [ids, ids.length, BENCH_TODAY, n]);
    log(`  ${n} items in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const def of dropped) await client.query(def);
    log(`  their indexes built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await client.query(
      `INSERT INTO catalog_yearly_figures (agency_id, year, licensing_decisions, punishment_decisions, enforcement_decisions, fees_fen)
       SELECT id, y, hashint8(id * 4 + y) & 511, hashint8(id * 4 + y + 1) & 127, hashint8(id * 4 + y + 2) & 15, hashint8(id * 4 + y + 3) & 4194303
         FROM unnest($1::bigint[]) id, generate_series(2023, 2024) y`, [ids]);
  } finally {
    client.release();
  }
  await pool.query('VACUUM ANALYZE catalog_items');
}
