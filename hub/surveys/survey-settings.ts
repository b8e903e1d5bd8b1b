import { type SurveySettings, SurveySettingsSchema } from '../../shared/protocol/surveys';
import { DEFAULT_SURVEY_SETTINGS } from '../../shared/surveys/survey-rules';
import { readSetting, saveSetting } from '../db/meta-queries';
import type { Queryable } from '../db/schema';

const META_KEY = 'survey-settings';

export const readSurveySettings = (db: Queryable): Promise<SurveySettings> => readSetting(db, META_KEY, SurveySettingsSchema, DEFAULT_SURVEY_SETTINGS);

export const saveSurveySettings = (db: Queryable, settings: SurveySettings): Promise<void> => saveSetting(db, META_KEY, settings);
