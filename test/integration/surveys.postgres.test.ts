import { postgresTestStore } from './helpers/test-stores';
import { defineSurveysSuite } from './surveys-suite';

defineSurveysSuite('postgres', postgresTestStore);
