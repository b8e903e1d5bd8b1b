import { postgresTestStore } from './helpers/test-stores';
import { defineReportsSuite } from './reports-suite';

defineReportsSuite('postgres', postgresTestStore);
