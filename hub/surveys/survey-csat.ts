import type { Kysely } from 'kysely';
import type { CsatSource } from '../../shared/reports/csat';
import { meanScores } from '../../shared/reports/csat';
import type { Database } from '../db/schema';
import { anySurveyAnswered, csatSums } from './survey-queries';

/**
 * Reports' CSAT column from answered surveys. `collected` turns true with the
 * first answer this store holds (and stays so): before that the report says
 * surveys are not collected yet rather than showing a column of dashes.
 */
export function surveyCsat(db: Kysely<Database>): CsatSource {
  let collected = false;
  return {
    get collected() {
      return collected;
    },
    async scores(range, groupBy) {
      const [sums, answered] = await Promise.all([csatSums(db, range, groupBy), collected ? Promise.resolve(true) : anySurveyAnswered(db)]);
      collected = answered;
      return meanScores(sums);
    },
  };
}
