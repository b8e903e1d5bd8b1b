import { sqliteTestStore } from './helpers/test-stores';
import { defineReportsSuite } from './reports-suite';

defineReportsSuite('sqlite', sqliteTestStore);
