import { sqliteTestStore } from './helpers/test-stores';
import { defineSurveysSuite } from './surveys-suite';

defineSurveysSuite('sqlite', sqliteTestStore);
